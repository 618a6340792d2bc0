package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link GenericAvroSerializer} and {@link GenericAvroDeserializer} sharing one registry client. */
public class GenericAvroSerde implements Serde<GenericRecord> {

  private final SchemaRegistryClient injected;
  private final GenericAvroSerializer serializer;
  private final GenericAvroDeserializer deserializer;
  private SchemaRegistryClient owned;

  /** For Kafka Streams to instantiate by class name; {@link #configure} creates the registry client. */
  public GenericAvroSerde() {
    this(null);
  }

  /** Uses {@code registry} (not closed here); ready without {@link #configure}, as a value serde. */
  public GenericAvroSerde(SchemaRegistryClient registry) {
    this.injected = registry;
    this.serializer = new GenericAvroSerializer(registry);
    this.deserializer = new GenericAvroDeserializer(registry);
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
  public Serializer<GenericRecord> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<GenericRecord> deserializer() {
    return deserializer;
  }
}
