package io.strata.platform.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusReportTest {

  private final StatusReport report = new StatusReport(List.of(
      new ComponentStatus("kafka", "localhost:9092", true),
      new ComponentStatus("registry", "http://localhost:8081", false)));

  @Test
  void shouldWriteTheDocumentedJsonForm() {
    assertThat(report.toJson()).isEqualTo("{\"components\":["
        + "{\"name\":\"kafka\",\"url\":\"localhost:9092\",\"healthy\":true},"
        + "{\"name\":\"registry\",\"url\":\"http://localhost:8081\",\"healthy\":false}]}");
  }

  @Test
  void shouldWriteAnEmptyListWhenNothingRuns() {
    assertThat(new StatusReport(List.of()).toJson()).isEqualTo("{\"components\":[]}");
  }

  @Test
  void shouldBeHealthyOnlyWhenSomethingRunsAndEverythingAnswers() {
    assertThat(report.healthy()).isFalse();
    assertThat(new StatusReport(List.of()).healthy()).isFalse();
    assertThat(new StatusReport(List.of(new ComponentStatus("kafka", "localhost:9092", true))).healthy()).isTrue();
  }

  @Test
  void shouldLineUpTheTable() {
    assertThat(report.toTable()).containsExactly(
        "COMPONENT  URL                    HEALTH",
        "kafka      localhost:9092         healthy",
        "registry   http://localhost:8081  UNHEALTHY");
  }
}
