package io.strata.ingest.gateway.http;

import io.strata.auth.signing.RequestParts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request as the endpoint needs it, without framework types.
 *
 * @param parts what the signature covers
 * @param contentType the {@code Content-Type} header, if any
 * @param contentLength the {@code Content-Length}, if known
 * @param parameters decoded query parameters
 */
record Incoming(RequestParts parts, Optional<String> contentType, OptionalLong contentLength,
    Map<String, List<String>> parameters) {

  Incoming {
    Objects.requireNonNull(parts, "parts");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(contentLength, "contentLength");
    parameters = Map.copyOf(parameters);
  }

  /** A query parameter, else the header {@code X-Strata-<Header>}, if either is given. */
  Optional<String> parameterOrHeader(String parameter, String header) {
    List<String> values = parameters.getOrDefault(parameter, List.of());
    if (!values.isEmpty()) {
      return Optional.of(values.get(0));
    }
    List<String> headers = parts.headers().values(header);
    return headers.isEmpty() ? Optional.empty() : Optional.of(headers.get(0));
  }

  /** Every value of a repeated query parameter. */
  List<String> all(String parameter) {
    return parameters.getOrDefault(parameter, List.of());
  }
}
