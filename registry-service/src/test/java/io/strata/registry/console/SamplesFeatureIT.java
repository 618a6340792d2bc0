package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.auth.apps.CompactedTopicView;
import io.strata.events.SampleEvent;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The samples reader on a real broker when its topic does not exist yet: it says so, retries, then reads. */
class SamplesFeatureIT {

  @Test
  void shouldReportAMissingTopicAndStartOnceItExists() {
    var kafka = EmbeddedKafka.shared();
    String topic = TestTopics.unique("console-samples");
    var index = new SampleIndex(10);
    var view = new CompactedTopicView<SampleEvent, Object>("console-samples", Map.of("bootstrap.servers",
        kafka.bootstrapServers(), "allow.auto.create.topics", false), topic,
        Topics.SAMPLES.valueSerde(new InMemorySchemaRegistryClient()).deserializer(), (key, event) -> {
          index.apply(event);
          return null;
        });
    try (var samples = SamplesFeature.reading(index, Optional.empty(), view, topic)) {
      await().atMost(Duration.ofSeconds(40)).until(() -> samples.status() != null
          && samples.status().contains("cannot start"));
      assertThat(samples.status()).contains(topic).contains("retrying every 10 s");
      assertThat(samples.caughtUp()).isFalse();

      kafka.createTopic(topic, 2);
      await().atMost(Duration.ofSeconds(40)).until(samples::caughtUp);
      assertThat(samples.status()).isNull();
    }
  }
}
