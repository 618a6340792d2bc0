package io.strata.auth.signing;

import java.time.Duration;
import java.util.Objects;

/**
 * How strict a gateway's {@link SignatureVerifier} is.
 *
 * @param skewWindow how far a request's timestamp may be from the server clock, either way; whole seconds,
 *     1 s to 1 h (default 300 s)
 * @param nonceCapacity how many nonces the gateway remembers at most (default 2,000,000, at most 64 MB). At a
 *     sustained rate of R accepted requests per second it remembers them for capacity / R seconds (at most
 *     the skew window) and refuses requests signed earlier than that, so replay protection never lapses but
 *     the window narrows; size it so that capacity / peak rate stays well above your clients' signing delay
 */
public record VerifierSettings(Duration skewWindow, int nonceCapacity) {

  /** Default skew window: 5 minutes. */
  public static final Duration DEFAULT_SKEW_WINDOW = Duration.ofSeconds(300);
  /** Default nonce capacity. */
  public static final int DEFAULT_NONCE_CAPACITY = 2_000_000;

  public VerifierSettings {
    Objects.requireNonNull(skewWindow, "skewWindow");
    if (skewWindow.toNanos() % 1_000_000_000L != 0 || skewWindow.getSeconds() < 1 || skewWindow.getSeconds() > 3600) {
      throw new IllegalArgumentException("skewWindow must be whole seconds from 1 s to 3600 s, got " + skewWindow);
    }
    if (nonceCapacity < NonceCache.DEFAULT_SHARDS) {
      throw new IllegalArgumentException("nonceCapacity must be at least " + NonceCache.DEFAULT_SHARDS
          + ", got " + nonceCapacity);
    }
  }

  /** 300 s skew window, 2,000,000 nonces. */
  public static VerifierSettings defaults() {
    return new VerifierSettings(DEFAULT_SKEW_WINDOW, DEFAULT_NONCE_CAPACITY);
  }
}
