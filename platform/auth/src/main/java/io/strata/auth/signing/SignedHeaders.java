package io.strata.auth.signing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The five headers that carry a request's signature (docs/signing.md), as produced by
 * {@link RequestSigner}. None of them is secret; the signature is good for one request only.
 *
 * @param appKey the app's public key ({@value #APP_KEY})
 * @param timestamp Unix epoch seconds when the request was signed ({@value #TIMESTAMP})
 * @param nonce 16 to 64 characters of {@code [A-Za-z0-9_-]}, unique per request ({@value #NONCE})
 * @param contentSha256 lower-case hex SHA-256 of the body ({@value #CONTENT_SHA256})
 * @param signature lower-case hex HMAC-SHA256 of the canonical request ({@value #SIGNATURE})
 */
public record SignedHeaders(String appKey, long timestamp, String nonce, ContentHash contentSha256, String signature) {

  /** Header naming the app. */
  public static final String APP_KEY = "X-Strata-App-Key";
  /** Header carrying the signing time, Unix epoch seconds. */
  public static final String TIMESTAMP = "X-Strata-Timestamp";
  /** Header carrying the request's unique nonce. */
  public static final String NONCE = "X-Strata-Nonce";
  /** Header carrying the lower-case hex SHA-256 of the body. */
  public static final String CONTENT_SHA256 = "X-Strata-Content-SHA256";
  /** Header carrying the lower-case hex HMAC-SHA256 signature. */
  public static final String SIGNATURE = "X-Strata-Signature";

  public SignedHeaders {
    Objects.requireNonNull(appKey, "appKey");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(contentSha256, "contentSha256");
    Objects.requireNonNull(signature, "signature");
  }

  /** The headers by name, in the order the spec lists them. */
  public Map<String, String> asMap() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(APP_KEY, appKey);
    headers.put(TIMESTAMP, Long.toString(timestamp));
    headers.put(NONCE, nonce);
    headers.put(CONTENT_SHA256, contentSha256.hex());
    headers.put(SIGNATURE, signature);
    return headers;
  }
}
