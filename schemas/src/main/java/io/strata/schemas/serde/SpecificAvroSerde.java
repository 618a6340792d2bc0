package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer} sharing one registry client.
 *
 * @param <T> the generated class
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SchemaRegistryClient injected;
  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;
  private SchemaRegistryClient owned;

  /** For Kafka Streams to instantiate by class name: reads by the writer schema's name. */
  public SpecificAvroSerde() {
    this(null, null);
  }

  /** Reads into {@code type}; {@link #configure} creates the registry client. */
  public SpecificAvroSerde(Class<T> type) {
    this(null, type);
  }

  /** Uses {@code registry} (not closed here); ready without {@link #configure}, as a value serde. */
  public SpecificAvroSerde(SchemaRegistryClient registry, Class<T> type) {
    this.injected = registry;
    this.serializer = new SpecificAvroSerializer<>(registry);
    this.deserializer = new SpecificAvroDeserializer<>(registry, type);
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
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
