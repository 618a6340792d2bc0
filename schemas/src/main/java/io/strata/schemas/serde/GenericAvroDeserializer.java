package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent wire-format bytes into {@link GenericRecord}s of the writer's schema (fetched by the id
 * in the bytes); with {@code specific.avro.reader=true} into the generated classes instead. Null bytes become
 * null; bad bytes fail with an {@link AvroSerdeException} naming the topic and schema id.
 */
public class GenericAvroDeserializer implements Deserializer<GenericRecord> {

  private final RegistryBinding binding;
  private volatile WireDecoder<GenericRecord> decoder;

  /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
  public GenericAvroDeserializer() {
    this(null);
  }

  /** Uses {@code registry} (not closed here); usable without {@link #configure}. */
  public GenericAvroDeserializer(SchemaRegistryClient registry) {
    this.binding = new RegistryBinding(registry);
    if (registry != null) {
      this.decoder = newDecoder();
    }
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey, null);
  }

  void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient shared) {
    binding.configure(configs, isKey, shared);
    decoder = newDecoder();
  }

  @Override
  public GenericRecord deserialize(String topic, byte[] data) {
    WireDecoder<GenericRecord> current = decoder;
    if (current == null) {
      throw RegistryBinding.notConfigured();
    }
    return current.decode(topic, data);
  }

  @Override
  public void close() {
    binding.close();
  }

  private WireDecoder<GenericRecord> newDecoder() {
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
