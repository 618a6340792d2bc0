package io.strata.auth.signing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The string that is signed (docs/signing.md, "Canonical request"): eight lines joined by {@code \n},
 * without a trailing newline —
 *
 * <pre>
 * STRATA-HMAC-SHA256
 * METHOD            upper case
 * canonical path    percent-encoding normalised, dot segments removed
 * canonical query   sorted name=value pairs joined by &amp;, empty if none
 * content sha256    lower-case hex, as in X-Strata-Content-SHA256
 * timestamp         as in X-Strata-Timestamp
 * nonce             as in X-Strata-Nonce
 * app key           as in X-Strata-App-Key
 * </pre>
 *
 * <p>The constructor canonicalises the method, path and query it is given, so the components are always
 * in canonical form. Nothing here is secret.
 */
public record CanonicalRequest(
    String method, String path, String query, ContentHash contentSha256, long timestamp, String nonce, String appKey) {

  /** The first line, naming the algorithm; it changes if the canonical form ever does. */
  public static final String ALGORITHM = "STRATA-HMAC-SHA256";
  private static final long MAX_TIMESTAMP = 999_999_999_999L;

  /**
   * Canonicalises a request.
   *
   * @param method the HTTP method, any case
   * @param path the raw (still percent-encoded) path as sent; empty means {@code /}
   * @param query the raw query without {@code ?}, or empty/null if there is none
   * @throws IllegalArgumentException if the method, timestamp, nonce or app key break their syntax
   */
  public CanonicalRequest {
    Objects.requireNonNull(contentSha256, "contentSha256");
    if (!HeaderFormat.method(method)) {
      throw new IllegalArgumentException("The HTTP method must be a token such as GET or POST");
    }
    if (timestamp < 0 || timestamp > MAX_TIMESTAMP) {
      throw new IllegalArgumentException("The timestamp must be " + HeaderFormat.TIMESTAMP_RULE);
    }
    if (!HeaderFormat.nonce(nonce)) {
      throw new IllegalArgumentException("A nonce must be " + HeaderFormat.NONCE_RULE);
    }
    if (!HeaderFormat.appKey(appKey)) {
      throw new IllegalArgumentException("An app key must be " + HeaderFormat.APP_KEY_RULE);
    }
    method = method.toUpperCase(Locale.ROOT);
    path = CanonicalPath.of(path);
    query = CanonicalQuery.of(query);
  }

  /** The canonical request as text. */
  public String text() {
    return join(method, path, query, contentSha256.hex(), Long.toString(timestamp), nonce, appKey);
  }

  /** The bytes that are signed: {@link #text()} in UTF-8 (all ASCII by construction). */
  public byte[] bytes() {
    return text().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The signed bytes straight from a request's parts and the values of its signature headers, which the
   * caller has already checked against their syntax: the reference that {@link CanonicalBuffer}, the
   * verifier's allocation-free path, must agree with. The text is ASCII by construction, so ISO-8859-1 gives
   * the same bytes with one copy less.
   */
  static byte[] signedBytes(String method, String rawPath, String rawQuery, String contentSha256, String timestamp,
      String nonce, String appKey) {
    return join(method.toUpperCase(Locale.ROOT), CanonicalPath.of(rawPath), CanonicalQuery.of(rawQuery), contentSha256,
        timestamp, nonce, appKey).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String join(String method, String path, String query, String contentSha256, String timestamp,
      String nonce, String appKey) {
    return ALGORITHM + '\n' + method + '\n' + path + '\n' + query + '\n' + contentSha256 + '\n' + timestamp + '\n'
        + nonce + '\n' + appKey;
  }
}
