package io.strata.auth.limits;

import java.time.Duration;
import java.util.Objects;

/** What {@link Admission} decided about one request of an app. */
public sealed interface Decision {

  /** The request may go on; its units were counted against the app's limits. */
  record Admitted() implements Decision {}

  /**
   * The request is refused with HTTP 429.
   *
   * @param code {@value Admission#RATE_LIMITED} or {@value Admission#QUOTA_EXHAUSTED}
   * @param message what was exceeded and when to try again; names no other app
   * @param retryAfter how long until a retry can succeed (the {@code Retry-After} header, rounded up to seconds)
   */
  record Refused(String code, String message, Duration retryAfter) implements Decision {

    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** {@link #retryAfter()} in whole seconds, at least 1, as the {@code Retry-After} header wants it. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, seconds);
    }
  }

  /** The one admitted decision. */
  Decision ADMITTED = new Admitted();
}
