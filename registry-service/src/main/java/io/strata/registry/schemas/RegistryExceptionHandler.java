package io.strata.registry.schemas;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.strata.registry.ConfluentJson;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a {@link RegistryException} with Confluent's error body and status. */
@Singleton
@Produces
@Requires(classes = {RegistryException.class, ExceptionHandler.class})
final class RegistryExceptionHandler implements ExceptionHandler<RegistryException, HttpResponse<byte[]>> {

  private static final Logger log = LoggerFactory.getLogger(RegistryExceptionHandler.class);

  @Override
  public HttpResponse<byte[]> handle(HttpRequest request, RegistryException e) {
    if (e.code().status() >= 500) {
      log.warn("Schema registry request failed: method={} path={} errorCode={} message={}", request.getMethod(),
          request.getPath(), e.code().code(), e.getMessage());
    } else {
      log.debug("Schema registry request refused: method={} path={} errorCode={} message={}", request.getMethod(),
          request.getPath(), e.code().code(), e.getMessage());
    }
    return ConfluentJson.error(e.code().status(), e.code().code(), e.getMessage());
  }
}
