package io.strata.registry.schemas;

import static io.strata.registry.schemas.TestRegistry.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import io.strata.platform.broker.BrokerSettings;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.Ports;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.schemas.TestRegistry.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When Kafka refuses a write the registry answers 50001; without Kafka it answers 50001/50002 within its
 * timeout and /health says DOWN. It never hangs.
 */
class StorageFailureIT {

  private static final Map<String, Object> FAST = Map.of(
      StoreSettings.TIMEOUT, "2s",
      "strata.registry.startup-timeout", "0s");

  @Test
  void shouldAnswerStorageErrorsWhenKafkaWasNeverReachable() {
    String nowhere = "localhost:" + Ports.free();
    try (var registry = TestRegistry.on(nowhere, TestTopics.unique("_schemas-down"), FAST)) {
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        Reply health = registry.get("/health");
        Reply read = registry.get("/subjects");
        Reply write = registry.register("down-value", TestSchemas.V1);
        Reply config = registry.put("/config", "{\"compatibility\":\"FULL\"}");

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("details").path("schemaStore").path("status").asText()).isEqualTo("DOWN");
        assertThat(health.json().path("details").path("schemaStore").path("details").path("reason").asText())
            .contains("has not yet read topic");
        assertStorageError(read);
        assertStorageError(write);
        assertStorageError(config);
        assertThat(write.json().path("message").asText()).contains("_schemas-down");
      });
    }
  }

  @Test
  void shouldServeReadsButRefuseWritesWhenKafkaStops(@TempDir Path directory) throws Exception {
    var settings = new BrokerSettings(Files.createDirectories(directory.resolve("kafka")), BrokerSettings.DEFAULT_HOST,
        Ports.free(), Ports.free(), Map.of());
    var kafka = EmbeddedKafka.start(settings);
    var schemas = TestSchemas.Unique.create();
    try (var registry = TestRegistry.on(kafka.bootstrapServers(), TestTopics.unique("_schemas-stop"),
        Map.of(StoreSettings.TIMEOUT, "2s"))) {
      int id = registry.register("stop-value", schemas.v1()).id();

      kafka.close();

      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        assertThat(registry.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(registry.post("/subjects/stop-value", schemaBody(schemas.v1())).json().path("id").asInt())
            .isEqualTo(id);
        assertThat(registry.register("stop-value", schemas.v1()).id()).isEqualTo(id);
        assertStorageError(registry.register("stop-value", schemas.v2()));
      });
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(registry.get("/health").status())
          .isEqualTo(503));
    } finally {
      kafka.close();
    }
  }

  @Test
  void shouldAnswer50001WhenKafkaRefusesToStoreTheWrite() {
    String topic = TestTopics.unique("_schemas-small");
    EmbeddedKafka.shared().createTopic(topic, 1, Map.of("cleanup.policy", "compact", "max.message.bytes", "2000"));
    var fields = new StringBuilder(TestSchemas.ID);
    for (int i = 0; i < 60; i++) {
      fields.append(", {\"name\":\"field_with_a_long_name_").append(i).append("\",\"type\":\"int\",\"default\":0}");
    }
    try (var registry = TestRegistry.on(topic, Map.of(StoreSettings.TIMEOUT, "5s"))) {
      Reply refused = registry.register("big-value", TestSchemas.sample(fields.toString()));

      assertThat(refused.status()).isEqualTo(500);
      assertThat(refused.errorCode()).isEqualTo(50001);
      assertThat(refused.json().path("message").asText()).contains("big-value", topic, "larger than the max message size");
      assertThat(registry.get("/subjects/big-value/versions").errorCode()).isEqualTo(40401);
      assertThat(registry.register("small-value", TestSchemas.V1).status()).isEqualTo(200);
    }
  }

  private static void assertStorageError(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(500);
    assertThat(reply.errorCode()).as(reply.body()).isIn(50001, 50002);
    assertThat(reply.json().path("message").asText()).isNotBlank();
  }
}
