package io.strata.trainer.builtin.items;

import io.strata.events.DatasetVersionItem;
import io.strata.trainer.builtin.TrainingFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the distinct samples of one dataset version: assigns the partition the version's key hashes to (Kafka's
 * default partitioner), reads it from the beginning with {@code read_committed}, keeps the records with that key and
 * stops when {@code expected} distinct sample ids have been seen. A sample seen twice keeps its last item.
 */
public final class VersionItemReader {

  private static final Logger log = LoggerFactory.getLogger(VersionItemReader.class);

  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

  private final String bootstrapServers;
  private final String topic;
  private final Deserializer<DatasetVersionItem> values;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param topic the items topic (normally {@code dataset-version-items})
   * @param values the topic's value deserializer (Avro, with a schema registry)
   */
  public VersionItemReader(String bootstrapServers, String topic, Deserializer<DatasetVersionItem> values) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.values = values;
  }

  private List<org.apache.kafka.common.PartitionInfo> partitions(KafkaConsumer<?, ?> consumer) {
    try {
      return consumer.partitionsFor(topic, METADATA_TIMEOUT);
    } catch (TimeoutException e) {
      throw new TrainingFailure("Kafka at " + bootstrapServers + " did not answer within "
          + METADATA_TIMEOUT.toSeconds() + " s: check --bootstrap-servers and that the broker is up", e);
    }
  }

  /**
   * The items of {@code key} ({@code dataset/version}), in the order first seen.
   *
   * @throws TrainingFailure when fewer than {@code expected} samples arrive within {@code timeout}, or an item
   *     belongs to another tenant than {@code tenant}
   */
  public List<DatasetVersionItem> read(String key, String tenant, int expected, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "strata-builtin-trainer");
    Map<String, DatasetVersionItem> bySample = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      var partitions = partitions(consumer);
      if (partitions == null || partitions.isEmpty()) {
        throw new TrainingFailure("Topic '" + topic + "' does not exist on " + bootstrapServers
            + ": no dataset version has been cut there; cut the version first");
      }
      int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (bySample.size() < expected) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TrainingFailure(bySample.isEmpty()
              ? "No items of dataset version '" + key + "' on topic '" + topic + "' after " + timeout.toSeconds()
                  + " s (expected " + expected + "): check the dataset id and version, and that the version was cut"
              : "Timed out after " + timeout.toSeconds() + " s waiting for the items of dataset version '" + key
                  + "': got " + bySample.size() + " of " + expected + " distinct samples; is --items right?");
        }
        for (ConsumerRecord<String, DatasetVersionItem> record : consumer.poll(Duration.ofMillis(
            Math.min(500, Math.max(1, left / 1_000_000))))) {
          if (!key.equals(record.key()) || record.value() == null) {
            continue;
          }
          DatasetVersionItem item = record.value();
          if (!tenant.equals(item.getTenantId())) {
            throw new TrainingFailure("Dataset version '" + key + "' does not belong to tenant '" + tenant
                + "': its items are another tenant's; refusing to train on them");
          }
          bySample.put(item.getSampleId(), item);
        }
      }
    }
    log.info("Read dataset version items key={} topic={} items={}", key, topic, bySample.size());
    return new ArrayList<>(bySample.values());
  }
}
