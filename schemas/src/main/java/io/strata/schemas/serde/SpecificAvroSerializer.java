package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes generated Avro classes in Confluent's wire format, registering (or, with
 * {@code auto.register.schemas=false}, looking up) the class's schema under {@code <topic>-value} or
 * {@code <topic>-key}. A null record becomes null bytes (a tombstone). See {@link AvroSerdeConfig} for the keys.
 *
 * @param <T> the generated class
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final RegistryBinding binding;
  private volatile WireEncoder encoder;

  /** For Kafka to instantiate by class name; {@link #configure} then creates the registry client. */
  public SpecificAvroSerializer() {
    this(null);
  }

  /** Uses {@code registry} (not closed by this serializer); usable without {@link #configure}, as a value serializer. */
  public SpecificAvroSerializer(SchemaRegistryClient registry) {
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
  public byte[] serialize(String topic, T record) {
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
        schema -> new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema)));
  }
}
