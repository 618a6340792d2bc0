package io.strata.schemas.topics;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

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
