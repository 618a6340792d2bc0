package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Serializes {@link GenericRecord}s in Confluent's wire format under the record's own schema, registered (or
 * looked up) under {@code <topic>-value} / {@code <topic>-key}. Logical-type fields hold their raw Avro values
 * (a timestamp-millis is a {@code long}). A null record becomes null bytes.
 */
public class GenericAvroSerializer extends RegistryBoundSerializer<GenericRecord> {

  /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
  public GenericAvroSerializer() {
    this(null);
  }

  /** Uses {@code registry} (not closed here); usable without {@link #configure}, as a value serializer. */
  public GenericAvroSerializer(SchemaRegistryClient registry) {
    super(registry, binding -> new WireEncoder(binding.client(), binding.config(), binding.isKey(),
        schema -> new GenericDatumWriter<>(schema, GenericData.get())));
  }
}
