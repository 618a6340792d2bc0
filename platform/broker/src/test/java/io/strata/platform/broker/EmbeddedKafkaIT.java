package io.strata.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strata.schemas.topics.Topic;
import io.strata.schemas.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  @TempDir
  Path dataDir;

  @Test
  void shouldCreateEveryCatalogTopicWithItsPartitionsAndConfigs() throws Exception {
    var kafka = EmbeddedKafka.shared();
    var names = Topics.all().stream().map(Topic::name).toList();

    try (var admin = Admin.create(kafka.clientProperties())) {
      Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
      var resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();

      for (var topic : Topics.all()) {
        assertThat(descriptions.get(topic.name()).partitions()).as("partitions of %s", topic.name())
            .hasSize(topic.partitions());
        var actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
        topic.configs().forEach((key, value) ->
            assertThat(actual.get(key).value()).as("%s of %s", key, topic.name()).isEqualTo(value));
      }
      var schemas = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "_schemas"));
      assertThat(schemas.get("cleanup.policy").value()).isEqualTo("compact");
      var samples = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.SAMPLES.name()));
      assertThat(samples.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
    }
  }

  @Test
  void shouldDeliverProducedRecordsToAConsumer() {
    var kafka = EmbeddedKafka.shared();
    var topic = TestTopics.unique("roundtrip");
    kafka.createTopic(topic, 2);

    produce(kafka, topic, Map.of("k1", "v1", "k2", "v2"));

    assertThat(consume(kafka, topic, 2)).containsEntry("k1", "v1").containsEntry("k2", "v2");
  }

  @Test
  void shouldKeepRecordsWhenRestartedOnTheSameDirectory() {
    var ports = Ports.free(2);
    var settings = new BrokerSettings(dataDir, "localhost", ports.get(0), ports.get(1), Map.of());
    var topic = TestTopics.unique("restart");
    try (var kafka = EmbeddedKafka.start(settings)) {
      kafka.createTopic(topic, 1);
      produce(kafka, topic, Map.of("before", "restart"));
    }

    try (var kafka = EmbeddedKafka.start(settings)) {
      assertThat(consume(kafka, topic, 1)).containsEntry("before", "restart");
    }
  }

  @Test
  void shouldLeaveExistingTopicsAloneAndReportAPartitionMismatch() throws Exception {
    var kafka = EmbeddedKafka.shared();
    var name = TestTopics.unique("provisioned");
    var wanted = new Topic<>(name, Serdes.String(), String.class,
        Topic.ValueFormat.JSON, 3, Map.of("cleanup.policy", "compact"));

    try (var admin = Admin.create(kafka.clientProperties())) {
      var provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
      assertThat(provisioner.provision(List.of(wanted)).created()).containsExactly(name);

      var again = provisioner.provision(List.of(wanted));
      assertThat(again.created()).isEmpty();
      assertThat(again.existing()).containsExactly(name);
      assertThat(again.partitionMismatches()).isEmpty();

      var differentPartitions = new Topic<>(name, wanted.keySerde(), String.class, Topic.ValueFormat.JSON, 5,
          wanted.configs());
      assertThat(provisioner.provision(List.of(differentPartitions)).partitionMismatches()).containsExactly(name);
      assertThat(admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions()).hasSize(3);
    }
  }

  @Test
  void shouldNameTheTakenBrokerPortAndTheFlagThatChangesIt() throws IOException {
    try (var taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
      var settings = new BrokerSettings(dataDir, "localhost", taken.getLocalPort(), Ports.free(), Map.of());

      assertThatThrownBy(() -> EmbeddedKafka.start(settings))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("--kafka-port");
    }
  }

  @Test
  void shouldNameTheTakenControllerPortAndTheFlagThatChangesIt() throws IOException {
    try (var taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
      var settings = new BrokerSettings(dataDir, "localhost", Ports.free(), taken.getLocalPort(), Map.of());

      assertThatThrownBy(() -> EmbeddedKafka.start(settings))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("--controller-port");
    }
  }

  @Test
  void shouldShareOneBrokerAcrossCallers() {
    var first = EmbeddedKafka.shared();
    first.close();

    assertThat(EmbeddedKafka.shared()).isSameAs(first);
    assertThat(first.bootstrapServers()).startsWith("localhost:");
    first.createTopic(TestTopics.unique("still-running"), 1);
  }

  private static void produce(EmbeddedKafka kafka, String topic, Map<String, String> records) {
    var config = new HashMap<>(kafka.clientProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      records.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
      producer.flush();
    }
  }

  private static Map<String, String> consume(EmbeddedKafka kafka, String topic, int expected) {
    var config = new HashMap<>(kafka.clientProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("group"));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    var received = new ArrayList<ConsumerRecord<String, String>>();
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.size() >= expected;
      });
    }
    return received.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value, (a, b) -> b));
  }
}
