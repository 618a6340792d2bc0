package io.strata.auth.secrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Issues new credentials: app keys (public identifiers) and app secrets (32 random bytes), both from an
 * injected {@link SecureRandom}.
 */
public final class CredentialGenerator {

  /** Prefix of every generated app key, so that keys are recognisable in configs and support tickets. */
  public static final String APP_KEY_PREFIX = "ak_";
  static final int APP_KEY_RANDOM_CHARS = 20;
  static final int SECRET_BYTES = 32;
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final SecureRandom random;

  public CredentialGenerator(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A new app key: {@code ak_} and 20 base62 characters (about 119 random bits). */
  public String newAppKey() {
    var key = new StringBuilder(APP_KEY_PREFIX.length() + APP_KEY_RANDOM_CHARS).append(APP_KEY_PREFIX);
    while (key.length() < APP_KEY_PREFIX.length() + APP_KEY_RANDOM_CHARS) {
      int candidate = random.nextInt() >>> 26;
      // 64 values drawn, 62 kept: rejecting the last two keeps every character equally likely.
      if (candidate < BASE62.length) {
        key.append(BASE62[candidate]);
      }
    }
    return key.toString();
  }

  /** A new app secret: 32 random bytes, URL-safe base64 without padding (43 characters). */
  public AppSecret newSecret() {
    byte[] raw = new byte[SECRET_BYTES];
    random.nextBytes(raw);
    byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(raw);
    AppSecret.wipe(raw);
    AppSecret secret = AppSecret.fromBytes(encoded);
    AppSecret.wipe(encoded);
    return secret;
  }
}
