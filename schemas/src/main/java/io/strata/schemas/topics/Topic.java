package io.strata.schemas.topics;

import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.serde.SpecificAvroSerde;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Kafka topic of the platform: its name, key serde, value type, partition count and topic-level
 * configuration (cleanup policy, retention, timestamp type). Obtained from {@link Topics}; nothing else
 * spells a topic name.
 *
 * @param name the topic name
 * @param keySerde serde of the record key
 * @param valueType class of the record value (an Avro specific record, or {@code String}/{@code byte[]}
 *     for the two topics that are not Avro)
 * @param valueFormat how values are encoded on the wire
 * @param partitions partition count used when the topic is created
 * @param configs topic-level configs applied at creation
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Class<V> valueType,
    ValueFormat valueFormat,
    int partitions,
    Map<String, String> configs) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(valueFormat, "valueFormat");
    if (partitions < 1) {
      throw new IllegalArgumentException("Topic '" + name + "' needs at least one partition, got " + partitions);
    }
    configs = Map.copyOf(configs);
  }

  /** The schema registry subject of the value schema (Confluent TopicNameStrategy). */
  public String valueSubject() {
    return name + "-value";
  }

  /**
   * A serde for this topic's values, configured from {@code serdeConfigs}: for Avro topics the
   * Confluent-compatible keys ({@code schema.registry.url}, {@code auto.register.schemas}, ...). The
   * serde owns its registry client; close it when done.
   */
  public Serde<V> valueSerde(Map<String, ?> serdeConfigs) {
    Serde<V> serde = plainOrAvro(null);
    serde.configure(serdeConfigs, false);
    return serde;
  }

  /** A serde for this topic's values that shares {@code registry} (not closed by the serde). */
  public Serde<V> valueSerde(SchemaRegistryClient registry) {
    return plainOrAvro(Objects.requireNonNull(registry, "registry"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Serde<V> plainOrAvro(SchemaRegistryClient registry) {
    return (Serde<V>) switch (valueFormat) {
      case AVRO -> new SpecificAvroSerde(registry, valueType.asSubclass(SpecificRecord.class));
      case JSON -> Serdes.String();
      case BYTES -> Serdes.ByteArray();
    };
  }

  /** True for topics whose cleanup policy is compaction. */
  public boolean compacted() {
    return "compact".equals(configs.get("cleanup.policy"));
  }

  /** How a topic's values are encoded. */
  public enum ValueFormat {
    /** Confluent wire format: magic byte 0, 4-byte schema id, Avro binary. */
    AVRO,
    /** UTF-8 JSON text, as the schema registry's own storage topic uses (Confluent's layout). */
    JSON,
    /** Raw bytes copied from another topic, with the reason in headers (dead letters). */
    BYTES
  }
}
