package io.strata.registry.console;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's session cookie: {@code base64url(operator|expiresEpochSeconds|nonce).base64url(HMAC-SHA256)}. It
 * never holds the admin token; the HMAC key is drawn at random when the registry starts, so a restart signs every
 * operator out. A cookie with a bad signature, in another shape, or past its expiry is refused.
 */
final class SessionCookies {

  /** The cookie's name. */
  static final String NAME = "strata_console";

  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration ttl;
  private final RandomGenerator random;

  SessionCookies(byte[] key, Clock clock, Duration ttl, RandomGenerator random) {
    if (key.length < 32) {
      throw new IllegalArgumentException("The console's session key must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.clock = clock;
    this.ttl = ttl;
    this.random = random;
  }

  /** How long a session lasts. */
  Duration ttl() {
    return ttl;
  }

  /** A new session's cookie value, valid for {@link #ttl()} from now. */
  String issue() {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    String payload = "operator|" + expires + "|" + Long.toHexString(random.nextLong());
    String encoded = ENCODE.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return encoded + "." + ENCODE.encodeToString(mac(encoded));
  }

  /** True for a cookie this process issued (signature checked in constant time) that has not expired. */
  boolean valid(String cookie) {
    if (cookie == null) {
      return false;
    }
    int dot = cookie.indexOf('.');
    if (dot <= 0 || dot != cookie.lastIndexOf('.')) {
      return false;
    }
    String encoded = cookie.substring(0, dot);
    try {
      // Compared as the canonical encoding, so that no other spelling of the same bytes is accepted.
      byte[] presented = cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
      byte[] expected = ENCODE.encode(mac(encoded));
      if (!MessageDigest.isEqual(presented, expected)) {
        return false;
      }
      String[] parts = new String(DECODE.decode(encoded), StandardCharsets.UTF_8).split("\\|");
      return parts.length == 3 && parts[0].equals("operator")
          && clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])));
    } catch (IllegalArgumentException e) {
      // Not base64 or not a number: not a cookie of ours.
      return false;
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }
}
