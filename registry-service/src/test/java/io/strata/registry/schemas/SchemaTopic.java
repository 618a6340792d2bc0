package io.strata.registry.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads a registry's storage topic as it is on the broker, and appends to it, for tests. */
record SchemaTopic(String bootstrapServers, String topic) {

  /** Every record currently in the partition, from its first offset to its end. */
  List<ConsumerRecord<String, String>> records() {
    var partition = new TopicPartition(topic, 0);
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      var records = new ArrayList<ConsumerRecord<String, String>>();
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** The decisions that registered a version (state-changing SCHEMA records). */
  long registrationDecisions() {
    return records().stream()
        .filter(r -> r.key().contains("\"keytype\":\"SCHEMA\"") && r.value() != null && r.value().contains("\"outcome\""))
        .count();
  }

  /** How many command keys still have two records (a proposal and its decision): zero once compacted. */
  long commandKeysWrittenTwice() {
    return records().stream()
        .filter(r -> !r.key().contains("NOISE"))
        .collect(java.util.stream.Collectors.groupingBy(ConsumerRecord::key, java.util.stream.Collectors.counting()))
        .values().stream().filter(count -> count > 1).count();
  }

  /** Appends a tombstone under a key no command uses: it changes nothing, but lets the broker roll segments. */
  void appendNoise() {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"NOISE\",\"request\":\"" + UUID.randomUUID() + "\"}",
          null));
    }
  }
}
