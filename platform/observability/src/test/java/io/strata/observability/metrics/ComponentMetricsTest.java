package io.strata.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ComponentMetricsTest {

  @Test
  void shouldScrapeJvmAndProcessMetricsTaggedWithTheComponent() {
    try (var metrics = ComponentMetrics.create("registry")) {
      String scrape = metrics.scrape();

      assertThat(scrape)
          .contains("jvm_memory_used_bytes{")
          .contains("jvm_threads_live_threads{")
          .contains("jvm_gc_")
          .contains("process_uptime_seconds{component=\"registry\"}")
          .contains("process_cpu_usage{component=\"registry\"}")
          .contains("process_files_open_files{component=\"registry\"}")
          .contains("# TYPE process_uptime_seconds gauge");
    }
  }

  @Test
  void shouldPublishRequestCountsAndPercentilesPerRouteTemplate() {
    try (var metrics = ComponentMetrics.create("gateway")) {
      metrics.http().record("POST", "/v1/samples", 201, TimeUnit.MILLISECONDS.toNanos(12));
      metrics.http().record("POST", "/v1/samples", 201, TimeUnit.MILLISECONDS.toNanos(30));
      metrics.http().record("GET", "/tenants/{tenant}", 404, TimeUnit.MILLISECONDS.toNanos(2));

      String scrape = metrics.scrape();

      assertThat(scrape)
          .contains("http_server_requests_seconds_count{component=\"gateway\",method=\"POST\",outcome=\"SUCCESS\","
              + "status=\"201\",uri=\"/v1/samples\"} 2")
          .contains("http_server_requests_seconds{component=\"gateway\",method=\"POST\",outcome=\"SUCCESS\","
              + "status=\"201\",uri=\"/v1/samples\",quantile=\"0.99\"}")
          .contains("uri=\"/v1/samples\",quantile=\"0.5\"}")
          .contains("outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/tenants/{tenant}\"} 1");
    }
  }

  @Test
  void shouldNameTheOutcomeOfEachStatusClass() {
    assertThat(HttpRequestMetrics.outcome(101)).isEqualTo("INFORMATIONAL");
    assertThat(HttpRequestMetrics.outcome(204)).isEqualTo("SUCCESS");
    assertThat(HttpRequestMetrics.outcome(302)).isEqualTo("REDIRECTION");
    assertThat(HttpRequestMetrics.outcome(422)).isEqualTo("CLIENT_ERROR");
    assertThat(HttpRequestMetrics.outcome(503)).isEqualTo("SERVER_ERROR");
  }

  @Test
  void shouldRefuseABlankComponentName() {
    assertThatThrownBy(() -> ComponentMetrics.create(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("component");
  }
}
