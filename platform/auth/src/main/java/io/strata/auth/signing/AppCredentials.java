package io.strata.auth.signing;

import io.strata.auth.secrets.AppSecret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gateway knows about one app to authenticate its requests. Its {@code toString()} never shows a
 * secret ({@link AppSecret} redacts itself).
 *
 * @param appKey the app's public key
 * @param tenantId the tenant that owns the app; every authenticated request is scoped to it
 * @param secret the current secret
 * @param retired the secret before the last rotation, while it is still in its grace period
 * @param blockedReason present if and only if the app is blocked: the operator's (or billing's) reason,
 *     shown to the app's authenticated callers
 */
public record AppCredentials(
    String appKey, String tenantId, AppSecret secret, Optional<RetiredSecret> retired, Optional<String> blockedReason) {

  public AppCredentials {
    Objects.requireNonNull(appKey, "appKey");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(retired, "retired");
    Objects.requireNonNull(blockedReason, "blockedReason");
  }

  /** An active app with one secret. */
  public static AppCredentials active(String appKey, String tenantId, AppSecret secret) {
    return new AppCredentials(appKey, tenantId, secret, Optional.empty(), Optional.empty());
  }

  /** These credentials after a rotation to {@code newSecret}; the current secret stays valid until {@code graceEnd}. */
  public AppCredentials rotatedTo(AppSecret newSecret, Instant graceEnd) {
    return new AppCredentials(appKey, tenantId, newSecret, Optional.of(new RetiredSecret(secret, graceEnd)), blockedReason);
  }

  /** These credentials, blocked for {@code reason}. */
  public AppCredentials blocked(String reason) {
    return new AppCredentials(appKey, tenantId, secret, retired, Optional.of(reason));
  }

  /** True if the app is blocked. */
  public boolean isBlocked() {
    return blockedReason.isPresent();
  }

  /** The retired secret if it is still accepted at {@code now}. */
  Optional<AppSecret> retiredSecretAt(Instant now) {
    return retired.filter(r -> r.acceptedAt(now)).map(RetiredSecret::secret);
  }

  /**
   * A secret replaced by a rotation, accepted until the end of its grace period.
   *
   * @param secret the old secret
   * @param validUntil the first instant at which it is no longer accepted
   */
  public record RetiredSecret(AppSecret secret, Instant validUntil) {

    public RetiredSecret {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(validUntil, "validUntil");
    }

    boolean acceptedAt(Instant now) {
      return now.isBefore(validUntil);
    }
  }
}
