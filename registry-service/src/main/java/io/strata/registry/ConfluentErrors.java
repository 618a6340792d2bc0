package io.strata.registry;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Writes the errors the framework raises itself (no such route, wrong method, unreadable request) in
 * Confluent's shape, {@code {"error_code": 404, "message": "HTTP 404 Not Found"}}, so that clients that parse
 * registry errors can parse these too.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
final class ConfluentErrors implements ErrorResponseProcessor<byte[]> {

  @Override
  public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
    String message = "HTTP " + status.getCode() + " " + status.getReason()
        + (detail.isBlank() || status == HttpStatus.NOT_FOUND || status == HttpStatus.METHOD_NOT_ALLOWED
            ? "" : ": " + detail);
    var error = ConfluentJson.error(status.getCode(), status.getCode(), message);
    response.getHeaders().getAll(HttpHeaders.ALLOW).forEach(allowed -> error.header(HttpHeaders.ALLOW, allowed));
    return error;
  }
}
