package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;

/** {@link GenericAvroSerializer} and {@link GenericAvroDeserializer} sharing one registry client. */
public class GenericAvroSerde extends RegistryBoundSerde<GenericRecord> {

  /** For Kafka Streams to instantiate by class name; {@link #configure} creates the registry client. */
  public GenericAvroSerde() {
    this(null);
  }

  /** Uses {@code registry} (not closed here); ready without {@link #configure}, as a value serde. */
  public GenericAvroSerde(SchemaRegistryClient registry) {
    super(registry, new GenericAvroSerializer(registry), new GenericAvroDeserializer(registry));
  }
}
