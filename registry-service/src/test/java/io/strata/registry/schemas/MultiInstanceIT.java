package io.strata.registry.schemas;

import static io.strata.registry.schemas.TestRegistry.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several instances on one topic agree without an election, and an instance started later (or again) rebuilds
 * the same view from the topic alone, also after the broker has compacted it.
 */
class MultiInstanceIT {

  @Test
  void shouldSeeEachOthersRegistrationsAndAgreeOnIds() {
    String topic = TestTopics.unique("_schemas-multi");
    var schemas = TestSchemas.Unique.create();
    try (var first = TestRegistry.on(topic); var second = TestRegistry.on(topic)) {
      int v1 = first.register("orders-value", schemas.v1()).id();
      await().untilAsserted(() -> assertThat(second.get("/subjects/orders-value/versions/1").json().path("id").asInt())
          .isEqualTo(v1));

      int shared = second.register("invoices-value", schemas.v1()).id();
      int v2 = second.register("orders-value", schemas.v2()).id();

      assertThat(shared).isEqualTo(v1);
      await().untilAsserted(() -> assertThat(first.get("/subjects/orders-value/versions/latest").json()
          .path("id").asInt()).isEqualTo(v2));
      assertThat(first.register("orders-value", schemas.v2()).id()).isEqualTo(v2);
      assertThat(first.get("/schemas/ids/" + v1 + "/subjects").body())
          .isEqualTo("[\"invoices-value\",\"orders-value\"]");
      assertThat(second.register("orders-value", schemas.v2NoDefault()).status()).isEqualTo(200);
      assertThat(first.get("/config").body()).isEqualTo(second.get("/config").body());
    }
  }

  @Test
  void shouldRebuildTheSameViewAfterARestart() {
    String topic = TestTopics.unique("_schemas-restart");
    List<String> before;
    try (var registry = TestRegistry.on(topic)) {
      writeHistory(registry);
      before = observe(registry);
    }

    try (var restarted = TestRegistry.on(topic)) {
      assertThat(observe(restarted)).containsExactlyElementsOf(before);
    }
  }

  @Test
  void shouldRebuildTheSameViewFromACompactedTopic() {
    String topic = TestTopics.unique("_schemas-compacted");
    var kafka = EmbeddedKafka.shared();
    kafka.createTopic(topic, 1, Map.of(
        "cleanup.policy", "compact",
        "min.compaction.lag.ms", "0",
        "min.cleanable.dirty.ratio", "0.01",
        "segment.ms", "100",
        "delete.retention.ms", "100"));
    var storage = new SchemaTopic(kafka.bootstrapServers(), topic);
    List<String> before;
    try (var registry = TestRegistry.on(topic)) {
      writeHistory(registry);
      before = observe(registry);
    }
    assertThat(storage.commandKeysWrittenTwice()).isPositive();

    // The cleaner runs every 15 s by default; new records let the broker roll the segment it may clean.
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      storage.appendNoise();
      assertThat(storage.commandKeysWrittenTwice()).isZero();
    });

    try (var restarted = TestRegistry.on(topic)) {
      assertThat(observe(restarted)).containsExactlyElementsOf(before);
    }
  }

  /** Registrations on two subjects, a rejected one, levels, soft and permanent deletes, re-registration. */
  private static void writeHistory(TestRegistry registry) {
    var schemas = TestSchemas.Unique.create();
    registry.register("a-value", schemas.v1());
    registry.register("a-value", schemas.v2());
    registry.register("a-value", schemas.v2NoDefault());
    registry.register("b-value", schemas.v1());
    registry.put("/config/b-value", "{\"compatibility\":\"NONE\"}");
    registry.register("b-value", TestSchemas.record("Other", TestSchemas.HEIGHT));
    registry.put("/config", "{\"compatibility\":\"FULL\"}");
    registry.register("c-value", schemas.v2());
    registry.delete("/subjects/c-value");
    registry.delete("/subjects/c-value?permanent=true");
    registry.register("c-value", schemas.v1());
    registry.delete("/subjects/a-value/versions/1");
    registry.delete("/subjects/a-value/versions/1?permanent=true");
    registry.delete("/subjects/b-value/versions/latest");
    registry.put("/config/d-value", "{\"compatibility\":\"FORWARD\"}");
    registry.delete("/config/d-value");
  }

  /** Everything a client can read, as text. */
  private static List<String> observe(TestRegistry registry) {
    var seen = new ArrayList<String>();
    seen.add(registry.get("/config").body());
    for (String subject : List.of("a-value", "b-value", "c-value", "d-value")) {
      seen.add(subject + " config " + registry.get("/config/" + subject).body());
      seen.add(subject + " versions " + registry.get("/subjects/" + subject + "/versions?deleted=true").body());
      for (int version = 1; version <= 4; version++) {
        var reply = registry.get("/subjects/" + subject + "/versions/" + version + "?deleted=true");
        seen.add(subject + " v" + version + " " + reply.body());
        if (reply.status() == 200) {
          int id = reply.json().path("id").asInt();
          seen.add("id " + id + " " + registry.get("/schemas/ids/" + id).body() + " used by "
              + registry.get("/schemas/ids/" + id + "/versions?deleted=true").body());
        }
      }
    }
    seen.add(registry.get("/subjects?deleted=true").body());
    seen.add(registry.post("/subjects/c-value", schemaBody(TestSchemas.record("Other", TestSchemas.HEIGHT))).body());
    return seen;
  }
}
