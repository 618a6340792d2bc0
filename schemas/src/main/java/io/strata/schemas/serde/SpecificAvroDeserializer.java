package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/**
 * Deserializes Confluent wire-format bytes into a generated Avro class: the writer's schema is fetched by the id
 * in the bytes, the reader's schema is the class's own, and Avro resolves the difference (fields added with
 * defaults, removed fields, enum defaults). Null bytes become null. Bad bytes fail with an
 * {@link AvroSerdeException} naming the topic and schema id.
 *
 * <p>The class is the one given at construction, else {@code specific.avro.value.type} /
 * {@code specific.avro.key.type}, else the generated class named like the writer's schema.
 *
 * @param <T> the generated class
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> extends RegistryBoundDeserializer<T> {

  /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
  public SpecificAvroDeserializer() {
    this(null, null);
  }

  /** Reads into {@code type}; {@link #configure} creates the registry client. */
  public SpecificAvroDeserializer(Class<T> type) {
    this(null, type);
  }

  /** Reads into {@code type} (or by the writer schema's name when null) with {@code registry}, not closed here. */
  public SpecificAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
    super(registry, binding -> new WireDecoder<>(binding.client(),
        Readers.specific(type != null ? type : binding.config().specificType(binding.isKey()))));
  }
}
