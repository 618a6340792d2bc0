package io.strata.ingest.testing;

import io.strata.platform.broker.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the ingest tests read back from a topic. */
public final class TopicRecords {

  private TopicRecords() {
  }

  /**
   * Every committed record now in {@code topic}, read up to its end offsets (aborted transactions are skipped, as
   * any reader would; records of non-transactional producers are all committed).
   */
  public static <V> List<V> committed(EmbeddedKafka kafka, String topic, Deserializer<V> values) {
    var props = new HashMap<String, Object>(kafka.clientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      var all = new ArrayList<V>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read " + topic + " to " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> all.add(r.value()));
      }
      return all;
    }
  }
}
