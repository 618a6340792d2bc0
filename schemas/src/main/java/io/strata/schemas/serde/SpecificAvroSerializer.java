package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serializes generated Avro classes in Confluent's wire format, registering (or, with
 * {@code auto.register.schemas=false}, looking up) the class's schema under {@code <topic>-value} or
 * {@code <topic>-key}. A null record becomes null bytes (a tombstone). See {@link AvroSerdeConfig} for the keys.
 *
 * @param <T> the generated class
 */
public class SpecificAvroSerializer<T extends SpecificRecord> extends RegistryBoundSerializer<T> {

  /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
  public SpecificAvroSerializer() {
    this(null);
  }

  /** Uses {@code registry} (not closed by this serializer); usable without {@link #configure}, as a value serializer. */
  public SpecificAvroSerializer(SchemaRegistryClient registry) {
    super(registry, binding -> new WireEncoder(binding.client(), binding.config(), binding.isKey(),
        schema -> new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema))));
  }
}
