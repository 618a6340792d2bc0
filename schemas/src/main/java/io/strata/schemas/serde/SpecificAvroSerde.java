package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer} sharing one registry client.
 *
 * @param <T> the generated class
 */
public class SpecificAvroSerde<T extends SpecificRecord> extends RegistryBoundSerde<T> {

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
    super(registry, new SpecificAvroSerializer<>(registry), new SpecificAvroDeserializer<>(registry, type));
  }
}
