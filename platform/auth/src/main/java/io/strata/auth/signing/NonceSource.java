package io.strata.auth.signing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a {@link RequestSigner} gets each request's nonce: 16 to 64 characters of {@code [A-Za-z0-9_-]},
 * never repeated for the same app key within the skew window. Tests inject fixed nonces.
 */
@FunctionalInterface
public interface NonceSource {

  /** The next nonce. */
  String next();

  /** Nonces of 18 random bytes (144 bits) as 24 characters of URL-safe base64. */
  static NonceSource secureRandom(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return () -> {
      byte[] bytes = new byte[18];
      random.nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    };
  }
}
