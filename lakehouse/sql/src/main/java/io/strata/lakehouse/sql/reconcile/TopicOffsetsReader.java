package io.strata.lakehouse.sql.reconcile;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads which offsets of a topic hold data records: from the earliest offset to the last stable offset, with
 * {@code read_committed}, so transaction markers and aborted records (which take offsets but are never rows)
 * are not expected in the table, and neither are tombstones (null values). Reads the whole retained topic:
 * exact, and linear in its size.
 */
final class TopicOffsetsReader implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> consumer;

  TopicOffsetsReader(Map<String, Object> clientProperties) {
    this.admin = Admin.create(clientProperties);
    Properties consumerProperties = new Properties();
    consumerProperties.putAll(clientProperties);
    consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "strata-reconcile");
    this.consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** One partition of the topic. */
  record PartitionOffsets(int partition, long earliest, long end, long[] records) {}

  /** The topic's partitions and whether it is compacted; empty when the topic does not exist. */
  Optional<List<PartitionOffsets>> read(String topic) throws Exception {
    TopicDescription description;
    try {
      description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
    List<TopicPartition> partitions = description.partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    Map<TopicPartition, Long> earliest = consumer.beginningOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Offsets> records = new HashMap<>();
    partitions.forEach(p -> records.put(p, new Offsets()));
    List<TopicPartition> toRead = partitions.stream().filter(p -> end.get(p) > earliest.get(p)).toList();
    consumer.assign(toRead);
    consumer.seekToBeginning(toRead);
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (toRead.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Reading topic " + topic + " took more than 30 minutes; is the broker reachable?");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < end.get(partition) && record.value() != null) {
          records.get(partition).add(record.offset());
        }
      }
    }
    consumer.unsubscribe();
    return Optional.of(partitions.stream()
        .map(p -> new PartitionOffsets(p.partition(), earliest.get(p), end.get(p), records.get(p).sorted()))
        .toList());
  }

  /** Whether {@code topic}'s cleanup policy compacts it (compaction removes records the table keeps). */
  boolean compacted(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    ConfigEntry policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
        .get(TopicConfig.CLEANUP_POLICY_CONFIG);
    return policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  @Override
  public void close() {
    consumer.close();
    admin.close();
  }
}
