package io.strata.registry.controlplane;

import io.micronaut.core.value.PropertyResolver;
import io.strata.auth.secrets.AdminTokenFile;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The control plane's settings, validated at startup. It is enabled only when an admin token is configured;
 * then master keys are required too.
 *
 * @param adminToken the operator's bearer token ({@value #ADMIN_TOKEN} or {@value #ADMIN_TOKEN_FILE}); empty
 *     disables the control plane (every {@code /v1/} call answers 503)
 * @param keyring the master keys app secrets are encrypted under ({@value #MASTER_KEY_FILE} or {@value #MASTER_KEYS})
 * @param appsTopic {@value #APPS_TOPIC}, default the catalog's {@code apps}
 * @param tenantsTopic {@value #TENANTS_TOPIC}, default the catalog's {@code tenants}
 * @param rotationGrace how long a rotated-out secret keeps working by default ({@value #ROTATION_GRACE})
 * @param timeout how long a change may take to be stored and applied by the views ({@value #TIMEOUT})
 */
public record ControlPlaneSettings(Optional<String> adminToken, Optional<MasterKeyring> keyring, String appsTopic,
    String tenantsTopic, Duration rotationGrace, Duration timeout) {

  public static final String ADMIN_TOKEN = "strata.admin.token";
  public static final String ADMIN_TOKEN_FILE = "strata.admin.token-file";
  public static final String MASTER_KEY_FILE = "strata.secrets.master-key-file";
  public static final String MASTER_KEYS = "strata.secrets.master-keys";
  public static final String APPS_TOPIC = "strata.apps.topic";
  public static final String TENANTS_TOPIC = "strata.tenants.topic";
  public static final String ROTATION_GRACE = "strata.apps.rotation-grace";
  public static final String TIMEOUT = "strata.control-plane.timeout";

  public ControlPlaneSettings {
    if (adminToken.isPresent() && keyring.isEmpty()) {
      throw new IllegalArgumentException("The control plane is enabled (" + ADMIN_TOKEN + " or " + ADMIN_TOKEN_FILE
          + " is set) but no master key is configured: set " + MASTER_KEY_FILE + " (a file private to its owner "
          + "with lines 'id:base64key', from 'openssl rand -base64 32') or " + MASTER_KEYS);
    }
    if (rotationGrace.isNegative()) {
      throw new IllegalArgumentException("Invalid " + ROTATION_GRACE + " '" + rotationGrace + "': expected 0s or more");
    }
  }

  /** True when an admin token is configured. */
  public boolean enabled() {
    return adminToken.isPresent();
  }

  /** Reads and validates the settings. @throws IllegalArgumentException naming the key */
  public static ControlPlaneSettings from(PropertyResolver properties) {
    Optional<String> token = properties.get(ADMIN_TOKEN, String.class).filter(t -> !t.isBlank()).map(String::strip);
    Optional<String> tokenFile = properties.get(ADMIN_TOKEN_FILE, String.class).filter(t -> !t.isBlank());
    if (token.isPresent() && tokenFile.isPresent()) {
      throw new IllegalArgumentException("Both " + ADMIN_TOKEN + " and " + ADMIN_TOKEN_FILE + " are set; set one");
    }
    if (tokenFile.isPresent()) {
      token = Optional.of(readTokenFile(Path.of(tokenFile.get())));
    }
    Optional<String> keyFile = properties.get(MASTER_KEY_FILE, String.class).filter(t -> !t.isBlank());
    Optional<String> keys = properties.get(MASTER_KEYS, String.class).filter(t -> !t.isBlank());
    if (keyFile.isPresent() && keys.isPresent()) {
      throw new IllegalArgumentException("Both " + MASTER_KEY_FILE + " and " + MASTER_KEYS + " are set; set one");
    }
    Optional<MasterKeyring> keyring = keyFile.map(f -> MasterKeyring.fromFile(Path.of(f)))
        .or(() -> keys.map(MasterKeyring::parse));
    return new ControlPlaneSettings(token, keyring,
        properties.get(APPS_TOPIC, String.class).orElse(Topics.APPS.name()),
        properties.get(TENANTS_TOPIC, String.class).orElse(Topics.TENANTS.name()),
        duration(properties, ROTATION_GRACE, Duration.ofHours(24)),
        duration(properties, TIMEOUT, Duration.ofSeconds(10)));
  }

  private static String readTokenFile(Path file) {
    return AdminTokenFile.read(file, ADMIN_TOKEN_FILE);
  }

  private static Duration duration(PropertyResolver properties, String key, Duration fallback) {
    String text = properties.get(key, String.class).orElse(null);
    if (text == null) {
      return fallback;
    }
    return properties.get(key, Duration.class).orElseThrow(() -> new IllegalArgumentException(
        "Invalid " + key + " '" + text + "': expected a duration such as 24h or 10s"));
  }

  @Override
  public String toString() {
    return "ControlPlaneSettings[enabled=" + enabled() + ", keyring=" + keyring + ", appsTopic=" + appsTopic
        + ", tenantsTopic=" + tenantsTopic + ", rotationGrace=" + rotationGrace + ", timeout=" + timeout + "]";
  }
}
