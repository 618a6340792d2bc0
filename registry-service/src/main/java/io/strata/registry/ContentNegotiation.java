package io.strata.registry;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Answers {@code application/json} to a client that accepts only that, and Confluent's
 * {@code application/vnd.schemaregistry.v1+json} to everyone else, as Confluent's weighted media types do.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ContentNegotiation {

  @ResponseFilter
  void negotiate(HttpRequest<?> request, MutableHttpResponse<?> response) {
    String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
    if (accept == null || accept.contains("schemaregistry") || accept.contains("*/*")
        || !accept.contains(MediaType.APPLICATION_JSON)) {
      return;
    }
    response.getContentType()
        .filter(type -> type.toString().startsWith(ConfluentJson.V1_JSON))
        .ifPresent(type -> response.contentType(MediaType.APPLICATION_JSON_TYPE));
  }
}
