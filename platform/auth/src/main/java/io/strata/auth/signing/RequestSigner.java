package io.strata.auth.signing;

import io.strata.auth.secrets.AppSecret;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Signs requests for one app (client side): the CLI, tests and customers' Java code use it to produce the
 * five {@link SignedHeaders} of docs/signing.md. Thread-safe; each call draws a fresh nonce and reads the
 * clock.
 *
 * <pre>{@code
 * var signer = RequestSigner.create(appKey, AppSecret.of(System.getenv("STRATA_APP_SECRET")));
 * SignedHeaders headers = signer.sign("POST", URI.create(url), body);
 * headers.asMap().forEach(requestBuilder::header);
 * }</pre>
 */
public final class RequestSigner {

  private final String appKey;
  private final AppSecret secret;
  private final Clock clock;
  private final NonceSource nonces;

  /**
   * @throws IllegalArgumentException if {@code appKey} is not 1 to 64 characters of {@code [A-Za-z0-9_-]}
   */
  public RequestSigner(String appKey, AppSecret secret, Clock clock, NonceSource nonces) {
    if (!HeaderFormat.appKey(appKey)) {
      throw new IllegalArgumentException("An app key must be " + HeaderFormat.APP_KEY_RULE);
    }
    this.appKey = appKey;
    this.secret = Objects.requireNonNull(secret, "secret");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  /** A signer on the system clock with nonces from a new {@link SecureRandom}. */
  public static RequestSigner create(String appKey, AppSecret secret) {
    return new RequestSigner(appKey, secret, Clock.systemUTC(), NonceSource.secureRandom(new SecureRandom()));
  }

  /** Signs a request whose whole body is at hand; an empty array for no body. */
  public SignedHeaders sign(String method, URI uri, byte[] body) {
    return sign(method, uri, ContentHash.of(body));
  }

  /** Signs a request whose body hash was computed ahead, e.g. while writing a large file to a temp file. */
  public SignedHeaders sign(String method, URI uri, ContentHash bodyHash) {
    if (uri.isOpaque()) {
      throw new IllegalArgumentException("Cannot sign an opaque URI such as mailto:; give an http(s) URL or a path");
    }
    return sign(method, uri.getRawPath(), uri.getRawQuery(), bodyHash);
  }

  /**
   * Signs a request given its raw, still percent-encoded path and query (without {@code ?}) exactly as they
   * go on the wire.
   */
  public SignedHeaders sign(String method, String rawPath, String rawQuery, ContentHash bodyHash) {
    long timestamp = clock.instant().getEpochSecond();
    String nonce = nonces.next();
    if (!HeaderFormat.nonce(nonce)) {
      throw new IllegalStateException("The nonce source produced a nonce that is not " + HeaderFormat.NONCE_RULE);
    }
    var canonical = new CanonicalRequest(method, rawPath, rawQuery, bodyHash, timestamp, nonce, appKey);
    String signature = HmacSha256.hex(HmacSha256.mac(secret.hmacKey(), canonical.bytes()));
    return new SignedHeaders(appKey, timestamp, nonce, bodyHash, signature);
  }

  @Override
  public String toString() {
    return "RequestSigner[appKey=" + appKey + "]";
  }
}
