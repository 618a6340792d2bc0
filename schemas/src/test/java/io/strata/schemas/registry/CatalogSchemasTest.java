package io.strata.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schemas.topics.Topic;
import io.strata.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class CatalogSchemasTest {

  @Test
  void shouldRegisterEveryAvroTopicOnceWithBackwardTransitiveCompatibility() {
    var registry = new InMemorySchemaRegistryClient();

    var first = CatalogSchemas.register(registry);
    var again = CatalogSchemas.register(registry);

    assertThat(first.keySet()).containsExactlyElementsOf(Topics.avro().stream().map(Topic::valueSubject).toList());
    assertThat(again).isEqualTo(first);
    assertThat(first.values()).doesNotHaveDuplicates();
    assertThat(Topics.avro()).allSatisfy(topic ->
        assertThat(registry.compatibility(topic.valueSubject())).contains("BACKWARD_TRANSITIVE"));
  }
}
