package io.strata.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryServerTest {

  @Test
  void shouldRefuseAPortOutOfRangeNamingTheKey() {
    assertThatThrownBy(() -> new RegistryServer.Settings(70000, "localhost:9092"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("micronaut.server.port");
  }

  @Test
  void shouldFailAtStartNamingABadBootstrapServersSetting() {
    assertThatThrownBy(() -> RegistryServer.start(new RegistryServer.Settings(0, "kafka-without-port")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strata.kafka.bootstrap-servers")
        .hasMessageContaining("host:port");
  }

  @Test
  void shouldFailAtStartNamingABadDefaultLevel() {
    assertThatThrownBy(() -> RegistryServer.start(new RegistryServer.Settings(0, "localhost:9092"),
        Map.of("strata.registry.default-compatibility", "LENIENT")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strata.registry.default-compatibility")
        .hasMessageContaining("BACKWARD_TRANSITIVE");
  }
}
