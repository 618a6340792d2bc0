package io.strata.registry.controlplane;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers an {@link ApiError} with {@code {"code","message"}} and its status. */
@Singleton
@Produces
@Requires(classes = {ApiError.class, ExceptionHandler.class})
final class ApiErrorHandler implements ExceptionHandler<ApiError, HttpResponse<String>> {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @Override
  public HttpResponse<String> handle(HttpRequest request, ApiError e) {
    if (e.status() >= 500) {
      log.warn("Control-plane call failed method={} path={} code={} message={}", request.getMethod(),
          request.getPath(), e.code(), e.getMessage());
    } else {
      log.debug("Control-plane call refused method={} path={} code={}", request.getMethod(), request.getPath(),
          e.code());
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("code", e.code());
    body.put("message", e.getMessage());
    return HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(e.status()))
        .contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.write(body));
  }
}
