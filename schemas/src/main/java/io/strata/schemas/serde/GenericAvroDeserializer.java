package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Deserializes Confluent wire-format bytes into {@link GenericRecord}s of the writer's schema (fetched by the id
 * in the bytes); with {@code specific.avro.reader=true} into the generated classes instead. Null bytes become
 * null; bad bytes fail with an {@link AvroSerdeException} naming the topic and schema id.
 */
public class GenericAvroDeserializer extends RegistryBoundDeserializer<GenericRecord> {

  /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
  public GenericAvroDeserializer() {
    this(null);
  }

  /** Uses {@code registry} (not closed here); usable without {@link #configure}. */
  public GenericAvroDeserializer(SchemaRegistryClient registry) {
    super(registry, GenericAvroDeserializer::newDecoder);
  }

  private static WireDecoder<GenericRecord> newDecoder(RegistryBinding binding) {
    AvroSerdeConfig config = binding.config();
    WireDecoder.ReaderFactory<GenericRecord> readers = config.specificAvroReader()
        ? Readers.specific(config.specificType(binding.isKey()))
        : Readers.generic();
    return new WireDecoder<>(binding.client(), (topic, id, writer) -> {
      if (writer.getType() != Schema.Type.RECORD) {
        throw new AvroSerdeException(AvroSerdeException.Reason.INCOMPATIBLE_SCHEMA, topic, id,
            "Cannot deserialize a record of topic '" + topic + "' with schema id " + id + " into a GenericRecord:"
                + " the schema is a " + writer.getType().getName() + ", not a record. Use AvroWireCodec.", null, false);
      }
      return readers.create(topic, id, writer);
    });
  }
}
