package io.strata.auth.signing;

import java.util.Objects;

/**
 * What the verifier needs from an incoming request, without any HTTP framework type.
 *
 * @param method the HTTP method
 * @param rawPath the path exactly as received, still percent-encoded (the gateway must route on its
 *     normalised form, see {@link CanonicalRequest})
 * @param rawQuery the query as received, without {@code ?}; empty if there is none
 * @param headers the request headers
 */
public record RequestParts(String method, String rawPath, String rawQuery, HeaderLookup headers) {

  public RequestParts {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(headers, "headers");
    rawQuery = rawQuery == null ? "" : rawQuery;
  }
}
