package io.strata.registry.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.schemas.TestRegistry.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registrations racing each other, on one instance and across two, end with one id per schema. */
class ConcurrentRegistrationIT {

  private static final int THREADS = 16;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stopThreads() {
    pool.shutdownNow();
  }

  @Test
  void shouldGiveSixteenConcurrentRegistrationsOfOneSchemaOneIdAndOneVersion() throws Exception {
    String topic = TestTopics.unique("_schemas-concurrent");
    var schemas = TestSchemas.Unique.create();
    try (var registry = TestRegistry.on(topic)) {
      List<Reply> replies = race(i -> () -> registry.register("race-value", schemas.v1()));

      assertThat(replies).extracting(Reply::status).containsOnly(200);
      assertThat(replies).extracting(Reply::id).hasSize(THREADS).containsOnly(replies.get(0).id());
      assertThat(registry.get("/subjects/race-value/versions").body()).isEqualTo("[1]");
      assertThat(new SchemaTopic(EmbeddedKafka.shared().bootstrapServers(), topic).registrationDecisions())
          .isEqualTo(1);
    }
  }

  @Test
  void shouldGiveOneIdWhenTwoInstancesRegisterTheSameSchemaAtOnce() throws Exception {
    String topic = TestTopics.unique("_schemas-concurrent");
    var schemas = TestSchemas.Unique.create();
    try (var first = TestRegistry.on(topic); var second = TestRegistry.on(topic)) {
      List<Reply> replies = race(i -> () -> (i % 2 == 0 ? first : second).register("race-value", schemas.v1()));

      assertThat(replies).extracting(Reply::status).containsOnly(200);
      assertThat(replies).extracting(Reply::id).containsOnly(replies.get(0).id());
      await().untilAsserted(() -> {
        assertThat(first.get("/subjects/race-value/versions").body()).isEqualTo("[1]");
        assertThat(second.get("/subjects/race-value/versions").body()).isEqualTo("[1]");
      });
    }
  }

  @Test
  void shouldGiveDifferentSchemasRacingOnTwoInstancesDistinctVersionsThatBothAgreeOn() throws Exception {
    String topic = TestTopics.unique("_schemas-concurrent");
    try (var first = TestRegistry.on(topic, Map.of(StoreSettings.DEFAULT_LEVEL, "NONE"));
        var second = TestRegistry.on(topic, Map.of(StoreSettings.DEFAULT_LEVEL, "NONE"))) {
      List<Reply> replies = race(i -> () -> (i % 2 == 0 ? first : second).register("many-value",
          TestSchemas.record("Many", "{\"name\":\"f" + i + "\",\"type\":\"int\"}")));

      assertThat(replies).extracting(Reply::status).containsOnly(200);
      assertThat(replies).extracting(Reply::id).doesNotHaveDuplicates();
      String expected = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]";
      await().untilAsserted(() -> {
        assertThat(first.get("/subjects/many-value/versions").body()).isEqualTo(expected);
        assertThat(second.get("/subjects/many-value/versions").body()).isEqualTo(expected);
      });
      for (int version = 1; version <= THREADS; version++) {
        assertThat(second.get("/subjects/many-value/versions/" + version).body())
            .isEqualTo(first.get("/subjects/many-value/versions/" + version).body());
      }
    }
  }

  /** Runs one call per thread, all released at once. */
  private List<Reply> race(IntFunction<Callable<Reply>> call) throws Exception {
    var start = new CountDownLatch(1);
    var futures = new ArrayList<Future<Reply>>();
    for (int i = 0; i < THREADS; i++) {
      Callable<Reply> task = call.apply(i);
      futures.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    var replies = new ArrayList<Reply>();
    for (Future<Reply> future : futures) {
      replies.add(future.get());
    }
    return replies;
  }
}
