package io.strata.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

  private final Environment environment = new Environment(Map.of("STRATA_DATA_DIR", "/from/env", "BLANK", "  ",
      "PORT", "19092", "BAD_PORT", "ninety"));

  @Test
  void shouldPreferTheFlagOverTheEnvironment() {
    assertThat(environment.resolve("/from/flag", "STRATA_DATA_DIR", "./strata-data")).isEqualTo("/from/flag");
  }

  @Test
  void shouldUseTheEnvironmentWhenNoFlagIsGiven() {
    assertThat(environment.resolve(null, "STRATA_DATA_DIR", "./strata-data")).isEqualTo("/from/env");
  }

  @Test
  void shouldFallBackToTheDefaultWhenTheVariableIsMissingOrBlank() {
    assertThat(environment.resolve(null, "UNSET", "./strata-data")).isEqualTo("./strata-data");
    assertThat(environment.resolve(null, "BLANK", "./strata-data")).isEqualTo("./strata-data");
  }

  @Test
  void shouldResolvePortsInTheSameOrder() {
    assertThat(environment.resolvePort(29092, "PORT", 9092)).isEqualTo(29092);
    assertThat(environment.resolvePort(null, "PORT", 9092)).isEqualTo(19092);
    assertThat(environment.resolvePort(null, "UNSET", 9092)).isEqualTo(9092);
  }

  @Test
  void shouldNameTheVariableWhenItIsNotAPort() {
    assertThatThrownBy(() -> environment.resolvePort(null, "BAD_PORT", 9092))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BAD_PORT='ninety'")
        .hasMessageContaining("between 1 and 65535");
  }
}
