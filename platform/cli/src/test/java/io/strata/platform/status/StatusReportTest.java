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
  void shouldLineUpTheTableAndSayWhichComponentsServeNoMetrics() {
    assertThat(report.toTable()).containsExactly(
        "COMPONENT  URL                    HEALTH     UPTIME      REQ/S  P99  LAG  PRODUCED  JOBS Q/R  GPUS  COMMIT AGE",
        "kafka      localhost:9092         healthy    no metrics",
        "registry   http://localhost:8081  UNHEALTHY  no metrics");
  }

  @Test
  void shouldShowEachPublishedMetricAndADashForTheOthers() {
    var processors = new ComponentStatus("processors", "http://localhost:8084", true,
        new MetricsSummary(4000.0, null, null, 12.0, 1520.0, null, null, null, null, null));
    var launcher = new ComponentStatus("trainer-launcher", "http://localhost:8085", true,
        new MetricsSummary(75.4, 2.5, 0.0412, null, 3.0, 2.0, 1.0, 1.0, 2.0, null));

    assertThat(new StatusReport(List.of(processors, launcher)).toTable()).containsExactly(
        "COMPONENT         URL                    HEALTH   UPTIME  REQ/S  P99    LAG  PRODUCED  JOBS Q/R  GPUS  COMMIT AGE",
        "processors        http://localhost:8084  healthy  1h06m   –      –      12   1520      –         –     –",
        "trainer-launcher  http://localhost:8085  healthy  1m15s   2.5    41 ms  –    3         2/1       1/2   –");
  }

  @Test
  void shouldWriteOnlyThePublishedMetricsInTheJsonForm() {
    var sink = new ComponentStatus("lakehouse-sink", "http://127.0.0.1:8083", true,
        new MetricsSummary(30.0, null, null, 0.0, null, null, null, null, null, 4.5));

    assertThat(new StatusReport(List.of(sink)).toJson()).isEqualTo("{\"components\":[{\"name\":\"lakehouse-sink\","
        + "\"url\":\"http://127.0.0.1:8083\",\"healthy\":true,\"metrics\":{\"uptimeSeconds\":30.0,"
        + "\"consumerLag\":0.0,\"commitAgeSeconds\":4.5}}]}");
  }
}
