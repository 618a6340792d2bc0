package io.strata.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.schemas.testing.Point;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldGiveTheSameIdToTheSameSchemaUnderEverySubject() {
    int first = registry.register("a-value", Point.SCHEMA$);
    int second = registry.register("b-value", Point.SCHEMA$);

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(first);
    assertThat(registry.subjects()).containsExactly("a-value", "b-value");
  }

  @Test
  void shouldAddAVersionForEachNewSchemaOfASubjectOnly() {
    registry.register("points-value", Point.V1);
    registry.register("points-value", Point.V1);
    int v2 = registry.register("points-value", Point.SCHEMA$);

    assertThat(registry.versions("points-value")).extracting(SubjectVersion::version).containsExactly(1, 2);
    assertThat(registry.latest("points-value")).isEqualTo(new SubjectVersion("points-value", 2, v2, Point.SCHEMA$));
  }

  @Test
  void shouldFailWithTheRegistrysNotFoundCodes() {
    registry.register("points-value", Point.V1);

    assertThatThrownBy(() -> registry.lookup("other-value", Point.V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> registry.lookup("points-value", Point.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> registry.schemaById(42))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.notFound()).isTrue();
          assertThat(e.schemaId()).hasValue(42);
        });
    assertThatThrownBy(() -> registry.latest("other-value")).hasMessageContaining("Subject 'other-value' not found");
  }

  @Test
  void shouldRegisterWithAChosenIdAndContinueAfterIt() {
    assertThat(registry.register("points-value", Point.V1, 7)).isEqualTo(7);

    assertThat(registry.register("points-value", Point.SCHEMA$)).isEqualTo(8);
    assertThat(registry.lookup("points-value", Point.V1)).isEqualTo(7);
    assertThatThrownBy(() -> registry.register("x-value", Point.SCHEMA$, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id 7");
  }

  @Test
  void shouldShareOneRegistryPerMockScope() {
    SchemaRegistryClient producer = SchemaRegistryClient.fromConfigs(Map.of("schema.registry.url", "mock://scope-a"));
    SchemaRegistryClient consumer = SchemaRegistryClient.fromConfigs(Map.of("schema.registry.url", "mock://scope-a"));
    SchemaRegistryClient other = SchemaRegistryClient.fromConfigs(Map.of("schema.registry.url", "mock://scope-b"));
    try {
      int id = producer.register("points-value", Point.SCHEMA$);

      assertThat(consumer.schemaById(id)).isEqualTo(Point.SCHEMA$);
      assertThatThrownBy(() -> other.schemaById(id)).isInstanceOf(SchemaRegistryException.class);
    } finally {
      InMemorySchemaRegistryClient.dropScope("scope-a");
      InMemorySchemaRegistryClient.dropScope("scope-b");
    }
  }
}
