package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;

/**
 * The registry client and settings of one serde: either injected at construction (the caller owns the client)
 * or created from {@code schema.registry.url} at {@code configure} (then closed with the serde).
 */
final class RegistryBinding {

  private final SchemaRegistryClient injected;
  private SchemaRegistryClient client;
  private boolean owned;
  private AvroSerdeConfig config = AvroSerdeConfig.DEFAULTS;
  private boolean isKey;

  RegistryBinding(SchemaRegistryClient injected) {
    this.injected = injected;
    this.client = injected;
  }

  /** Reads the settings; uses {@code shared} (owned by the caller) when there is no injected client. */
  void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient shared) {
    this.config = AvroSerdeConfig.from(configs);
    this.isKey = isKey;
    if (injected == null) {
      close();
      this.owned = shared == null;
      this.client = shared != null ? shared : SchemaRegistryClient.fromConfigs(configs);
    }
  }

  SchemaRegistryClient client() {
    if (client == null) {
      throw notConfigured();
    }
    return client;
  }

  static IllegalStateException notConfigured() {
    return new IllegalStateException("Avro serde is not configured: call configure() with "
        + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ", or construct it with a SchemaRegistryClient");
  }

  AvroSerdeConfig config() {
    return config;
  }

  boolean isKey() {
    return isKey;
  }

  void close() {
    if (owned && client != null) {
      client.close();
      client = null;
      owned = false;
    }
  }
}
