package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer and a deserializer sharing one registry client: the injected one (not closed here), or one
 * created by {@link #configure} and closed with the serde.
 */
abstract class RegistryBoundSerde<T> implements Serde<T> {

  private final SchemaRegistryClient injected;
  private final RegistryBoundSerializer<?> serializer;
  private final RegistryBoundDeserializer<T> deserializer;
  private SchemaRegistryClient owned;

  RegistryBoundSerde(SchemaRegistryClient injected, RegistryBoundSerializer<?> serializer,
      RegistryBoundDeserializer<T> deserializer) {
    this.injected = injected;
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SchemaRegistryClient shared = injected;
    if (shared == null) {
      close();
      shared = owned = SchemaRegistryClient.fromConfigs(configs);
    }
    serializer.configure(configs, isKey, shared);
    deserializer.configure(configs, isKey, shared);
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.close();
      owned = null;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Serializer<T> serializer() {
    return (Serializer<T>) serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
