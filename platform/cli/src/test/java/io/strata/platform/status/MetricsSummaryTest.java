package io.strata.platform.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsSummaryTest {

  /** Shaped like the scrape of io.strata.observability's ComponentMetrics (Micrometer 1.15, Prometheus 0.0.4). */
  private static final String GATEWAY = """
      # HELP process_uptime_seconds The uptime of the Java virtual machine
      # TYPE process_uptime_seconds gauge
      process_uptime_seconds{component="gateway"} 200.0
      # TYPE http_server_requests_seconds summary
      http_server_requests_seconds{component="gateway",method="POST",outcome="SUCCESS",status="201",uri="/v1/samples",quantile="0.5"} 0.011534336
      http_server_requests_seconds{component="gateway",method="POST",outcome="SUCCESS",status="201",uri="/v1/samples",quantile="0.99"} 0.029884416
      http_server_requests_seconds_count{component="gateway",method="POST",outcome="SUCCESS",status="201",uri="/v1/samples"} 300
      http_server_requests_seconds_sum{component="gateway",method="POST",outcome="SUCCESS",status="201",uri="/v1/samples"} 4.2
      http_server_requests_seconds{component="gateway",method="GET",outcome="CLIENT_ERROR",status="404",uri="/tenants/{tenant}",quantile="0.99"} 0.08
      http_server_requests_seconds_count{component="gateway",method="GET",outcome="CLIENT_ERROR",status="404",uri="/tenants/{tenant}"} 100
      # TYPE kafka_producer_record_send_total counter
      kafka_producer_record_send_total{client_id="producer-1",component="gateway",kafka_version="4.3.1"} 290.0
      kafka_producer_record_send_total{client_id="producer-2",component="gateway",kafka_version="4.3.1"} 10.0
      """;

  @Test
  void shouldSummariseRequestsLatencyAndEventsProduced() {
    var summary = MetricsSummary.of(GATEWAY);

    assertThat(summary.uptimeSeconds()).isEqualTo(200.0);
    assertThat(summary.requestsPerSecond()).isEqualTo(2.0);
    assertThat(summary.p99Seconds()).as("the worst route's p99").isEqualTo(0.08);
    assertThat(summary.eventsProduced()).isEqualTo(300.0);
    assertThat(summary.consumerLag()).isNull();
    assertThat(summary.jobsQueued()).isNull();
    assertThat(summary.commitAgeSeconds()).isNull();
  }

  @Test
  void shouldTakeTheLargestFiniteLagOfAllConsumers() {
    var summary = MetricsSummary.of("""
        process_uptime_seconds{component="stream-processors"} 12.5
        kafka_consumer_fetch_manager_records_lag_max{application="strata-quality-review",client_id="a-StreamThread-1-consumer",component="stream-processors"} 3.0
        kafka_consumer_fetch_manager_records_lag_max{application="strata-dataset-versioner",client_id="b-StreamThread-1-consumer",component="stream-processors"} 41.0
        kafka_consumer_fetch_manager_records_lag_max{application="strata-training-trigger",client_id="c-StreamThread-1-consumer",component="stream-processors"} NaN
        kafka_stream_thread_process_rate{application="strata-quality-review",component="stream-processors"} 4.2
        """);

    assertThat(summary.consumerLag()).isEqualTo(41.0);
    assertThat(summary.requestsPerSecond()).as("no HTTP timer published").isNull();
  }

  @Test
  void shouldReadTheLauncherAndSinkGauges() {
    var summary = MetricsSummary.of("""
        strata_training_jobs{component="trainer-launcher",state="queued"} 2.0
        strata_training_jobs{component="trainer-launcher",state="running"} 1.0
        strata_gpus_in_use{component="trainer-launcher"} 1.0
        strata_gpus_capacity{component="trainer-launcher"} 4.0
        strata_lakehouse_commit_age_seconds{component="lakehouse-sink",table="samples"} 3.5
        strata_lakehouse_commit_age_seconds{component="lakehouse-sink",table="labels"} 9.25
        """);

    assertThat(summary.jobsQueued()).isEqualTo(2.0);
    assertThat(summary.jobsRunning()).isEqualTo(1.0);
    assertThat(summary.gpusInUse()).isEqualTo(1.0);
    assertThat(summary.gpusTotal()).isEqualTo(4.0);
    assertThat(summary.commitAgeSeconds()).as("the oldest table's commit").isEqualTo(9.25);
  }

  @Test
  void shouldSkipCommentsUnknownAndMalformedLinesWithoutFailing() {
    var summary = MetricsSummary.of("""
        # a comment
        garbage line without value
        broken{label="unterminated 1.0
        process_uptime_seconds 60 1700000000000
        label_with_escapes{path="a\\"b\\\\c",component="x"} 1.0
        """);

    assertThat(summary.uptimeSeconds()).isEqualTo(60.0);
    assertThat(PrometheusText.parse("label_with_escapes{path=\"a\\\"b\\\\c\"} 1.0").samples().get(0).labels())
        .containsEntry("path", "a\"b\\c");
    assertThat(MetricsSummary.of("")).isEqualTo(
        new MetricsSummary(null, null, null, null, null, null, null, null, null, null));
  }
}
