package io.strata.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class GracePeriodTest {

  private final GracePeriod grace = new GracePeriod();

  @Test
  void shouldReadEveryUnit() {
    assertThat(grace.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(grace.convert("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(grace.convert("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(grace.convert("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(grace.convert("0")).isZero();
  }

  @Test
  void shouldRefuseANumberWithoutUnitOrAnUnknownUnit() {
    assertThatThrownBy(() -> grace.convert("24")).isInstanceOf(TypeConversionException.class).hasMessageContaining("24h");
    assertThatThrownBy(() -> grace.convert("1w")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> grace.convert("-1h")).isInstanceOf(TypeConversionException.class);
  }
}
