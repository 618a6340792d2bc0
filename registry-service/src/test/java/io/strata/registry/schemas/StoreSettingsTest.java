package io.strata.registry.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  @Test
  void shouldUseTheCatalogTopicAndConfluentsDefaultLevel() {
    StoreSettings settings = StoreSettings.from(properties(Map.of()));

    assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(settings.topic()).isEqualTo("_schemas");
    assertThat(settings.defaultLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldReadEverySetting() {
    StoreSettings settings = StoreSettings.from(properties(Map.of(
        "strata.kafka.bootstrap-servers", "k1:9092, k2:9093",
        "strata.registry.topic", "schemas-test",
        "strata.registry.default-compatibility", "backward_transitive",
        "strata.registry.timeout", "500ms")));

    assertThat(settings).isEqualTo(new StoreSettings("k1:9092, k2:9093", "schemas-test",
        CompatibilityLevel.BACKWARD_TRANSITIVE, Duration.ofMillis(500), Duration.ofSeconds(30)));
  }

  @Test
  void shouldNameTheKeyAndTheAcceptedValuesOfABadSetting() {
    assertThatThrownBy(() -> StoreSettings.from(properties(Map.of("strata.kafka.bootstrap-servers", "localhost"))))
        .hasMessageContaining("strata.kafka.bootstrap-servers").hasMessageContaining("host:port");
    assertThatThrownBy(() -> StoreSettings.from(properties(Map.of("strata.registry.default-compatibility", "strict"))))
        .hasMessageContaining("strata.registry.default-compatibility").hasMessageContaining("FULL_TRANSITIVE");
    assertThatThrownBy(() -> StoreSettings.from(properties(Map.of("strata.registry.topic", "bad topic"))))
        .hasMessageContaining("strata.registry.topic");
    assertThatThrownBy(() -> StoreSettings.from(properties(Map.of("strata.registry.timeout", "soon"))))
        .hasMessageContaining("strata.registry.timeout");
  }

  private static PropertySourcePropertyResolver properties(Map<String, Object> values) {
    return new PropertySourcePropertyResolver(PropertySource.of("test", values));
  }
}
