package io.strata.auth.signing;

import io.strata.auth.secrets.AppSecret;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A verifier's {@link HmacKey} per app secret, built the first time the secret verifies a request. Keyed by
 * the {@link AppSecret} instance (its equality is identity), so a rotation, which brings a new instance,
 * gets a new key state and never a stale one. Bounded: past {@value #MAX_SECRETS} secrets, which only
 * rotations and deleted apps can leave behind, it starts again empty. Thread-safe.
 */
final class HmacKeys {

  static final int MAX_SECRETS = 1 << 16;

  private final ConcurrentHashMap<AppSecret, HmacKey> keys = new ConcurrentHashMap<>();

  HmacKey of(AppSecret secret) {
    HmacKey key = keys.get(secret);
    if (key != null) {
      return key;
    }
    if (keys.size() >= MAX_SECRETS) {
      keys.clear();
    }
    // Two threads may both build one; either result is the same key state.
    key = HmacKey.of(secret.hmacKey());
    HmacKey raced = keys.putIfAbsent(secret, key);
    return raced != null ? raced : key;
  }

  int size() {
    return keys.size();
  }
}
