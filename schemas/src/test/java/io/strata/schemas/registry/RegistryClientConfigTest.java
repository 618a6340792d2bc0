package io.strata.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

  @Test
  void shouldReadCommaSeparatedUrlsAndDefaults() {
    RegistryClientConfig config = RegistryClientConfig.of(" http://a:8081/, https://b:8081 ");

    assertThat(config.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8081"));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.latestCacheTtl().isNegative()).isTrue();
  }

  @Test
  void shouldAcceptAListAsKafkasConfigDefGivesIt() {
    RegistryClientConfig config = RegistryClientConfig.from(Map.of("schema.registry.url", List.of("http://a:1", "http://b:2"),
        "schema.registry.request.timeout.ms", "2500"));

    assertThat(config.urls()).hasSize(2);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void shouldNameTheKeyAndTheAcceptedValuesWhenASettingIsWrong() {
    assertThatThrownBy(() -> RegistryClientConfig.from(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url")
        .hasMessageContaining("http://localhost:8081");
    assertThatThrownBy(() -> RegistryClientConfig.of("localhost:8081"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'localhost:8081' is not an http://host:port");
    assertThatThrownBy(() -> RegistryClientConfig.from(Map.of("schema.registry.url", "http://a:1",
        "schema.registry.connect.timeout.ms", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.connect.timeout.ms")
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> RegistryClientConfig.of("mock://a,http://b:1"))
        .hasMessageContaining("mock:// URL must be the only URL");
  }
}
