package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes {@link GenericRecord}s in Confluent's wire format under the record's own schema, registered (or
 * looked up) under {@code <topic>-value} / {@code <topic>-key}. Logical-type fields hold their raw Avro values
 * (a timestamp-millis is a {@code long}). A null record becomes null bytes.
 */
public class GenericAvroSerializer implements Serializer<GenericRecord> {

  private final RegistryBinding binding;
  private volatile WireEncoder encoder;

  /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
  public GenericAvroSerializer() {
    this(null);
  }

  /** Uses {@code registry} (not closed here); usable without {@link #configure}, as a value serializer. */
  public GenericAvroSerializer(SchemaRegistryClient registry) {
    this.binding = new RegistryBinding(registry);
    if (registry != null) {
      this.encoder = newEncoder();
    }
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey, null);
  }

  void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient shared) {
    binding.configure(configs, isKey, shared);
    encoder = newEncoder();
  }

  @Override
  public byte[] serialize(String topic, GenericRecord record) {
    if (record == null) {
      return null;
    }
    WireEncoder current = encoder;
    if (current == null) {
      throw RegistryBinding.notConfigured();
    }
    return current.encode(topic, record.getSchema(), record);
  }

  @Override
  public void close() {
    binding.close();
  }

  private WireEncoder newEncoder() {
    return new WireEncoder(binding.client(), binding.config(), binding.isKey(),
        schema -> new GenericDatumWriter<>(schema, GenericData.get()));
  }
}
