package io.strata.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tag;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import java.nio.file.Files;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ComponentMetricsIT {

  private final EmbeddedKafka kafka = EmbeddedKafka.shared();

  @Test
  void shouldScrapeTheClientMetricsOfARealProducerNextToTheJvmMetrics() throws Exception {
    String topic = TestTopics.unique("metrics");
    kafka.createTopic(topic, 1);
    Map<String, Object> config = new HashMap<>(kafka.clientProperties());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "metrics-it-producer");
    try (var metrics = ComponentMetrics.create("gateway");
        var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      metrics.bindProducer(producer, Tag.of("role", "ingest"));
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
      }

      String scrape = metrics.scrape();

      assertThat(scrape)
          .contains("jvm_memory_used_bytes{")
          .containsPattern("kafka_producer_record_send_total\\{[^}]*client_id=\"metrics-it-producer\""
              + "[^}]*component=\"gateway\"[^}]*role=\"ingest\"[^}]*} 5\\.0");
    }
  }

  @Test
  void shouldScrapeConsumerLagAndAdminMetrics() {
    String topic = TestTopics.unique("metrics-lag");
    kafka.createTopic(topic, 1);
    Map<String, Object> config = new HashMap<>(kafka.clientProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-group");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "metrics-it-consumer");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var metrics = ComponentMetrics.create("launcher");
        var admin = Admin.create(kafka.clientProperties());
        var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      metrics.bindAdmin(admin);
      consumer.subscribe(List.of(topic));
      consumer.poll(Duration.ofSeconds(2));
      // Bound after the first poll: the lag metric exists once partitions are assigned.
      metrics.bindConsumer(consumer);

      String scrape = metrics.scrape();

      assertThat(scrape)
          .contains("kafka_consumer_fetch_manager_records_lag_max{")
          .contains("client_id=\"metrics-it-consumer\"")
          .containsPattern("kafka_admin_client_[a-z_]+\\{[^}]*component=\"launcher\"");
    }
  }

  @Test
  void shouldScrapeProcessRateCommitLatencyLagAndRecordsSentOfAStreamsApplication() throws Exception {
    String input = TestTopics.unique("metrics-in");
    String output = TestTopics.unique("metrics-out");
    kafka.createTopic(input, 1);
    kafka.createTopic(output, 1);
    var builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .to(output, Produced.with(Serdes.String(), Serdes.String()));
    var config = new Properties();
    config.putAll(kafka.clientProperties());
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, input + "-app");
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("metrics-streams").toString());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    Map<String, Object> producerConfig = new HashMap<>(kafka.clientProperties());
    try (var metrics = ComponentMetrics.create("stream-processors");
        var streams = new KafkaStreams(builder.build(), config);
        var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      metrics.bindStreams(streams, Tag.of("application", input + "-app"));
      streams.start();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING
          || streams.state() == KafkaStreams.State.ERROR);
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(input, "k" + i, "v" + i)).get();
      }

      Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(metrics.scrape())
          .containsPattern("kafka_producer_record_send_total\\{[^}]*application=\"" + input + "-app\"[^}]*} 3\\.0"));
      assertThat(metrics.scrape())
          .contains("kafka_stream_thread_process_rate{")
          .contains("kafka_stream_thread_commit_latency_avg{")
          .contains("kafka_consumer_fetch_manager_records_lag_max{")
          .contains("component=\"stream-processors\"");
    }
  }
}
