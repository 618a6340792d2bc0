package io.strata.platform.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.OptionalDouble;

/**
 * What {@code strata status} shows of a component's {@code /metrics}; {@code null} fields were not published by
 * the component. Names are those of {@code io.strata.observability} (Micrometer's Prometheus rendering).
 *
 * @param uptimeSeconds {@code process_uptime_seconds}
 * @param requestsPerSecond all {@code http_server_requests_seconds_count} divided by the uptime: the average rate
 *     since the component started
 * @param p99Seconds the worst route's {@code http_server_requests_seconds{quantile="0.99"}} (a recent window)
 * @param consumerLag the largest {@code kafka_consumer_fetch_manager_records_lag_max} of the component's consumers
 * @param eventsProduced {@code kafka_producer_record_send_total} over all the component's producers
 * @param jobsQueued {@code strata_training_jobs{state="queued"}}
 * @param jobsRunning {@code strata_training_jobs{state="running"}}
 * @param gpusInUse {@code strata_gpus_in_use}
 * @param gpusTotal {@code strata_gpus_capacity}
 * @param commitAgeSeconds {@code strata_lakehouse_commit_age_seconds}: time since the sink's last commit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"uptimeSeconds", "requestsPerSecond", "p99Seconds", "consumerLag", "eventsProduced",
    "jobsQueued", "jobsRunning", "gpusInUse", "gpusTotal", "commitAgeSeconds"})
public record MetricsSummary(Double uptimeSeconds, Double requestsPerSecond, Double p99Seconds, Double consumerLag,
    Double eventsProduced, Double jobsQueued, Double jobsRunning, Double gpusInUse, Double gpusTotal,
    Double commitAgeSeconds) {

  /** Summarises one scrape in the Prometheus text format. */
  public static MetricsSummary of(String scrape) {
    var text = PrometheusText.parse(scrape);
    Double uptime = boxed(text.max("process_uptime_seconds"));
    Double requests = boxed(text.sum("http_server_requests_seconds_count"));
    Double rate = requests == null || uptime == null || uptime <= 0 ? null : requests / uptime;
    return new MetricsSummary(uptime, rate,
        boxed(text.max("http_server_requests_seconds", labels -> "0.99".equals(labels.get("quantile")))),
        boxed(text.max("kafka_consumer_fetch_manager_records_lag_max")),
        boxed(text.sum("kafka_producer_record_send_total")),
        boxed(text.sum("strata_training_jobs", labels -> "queued".equals(labels.get("state")))),
        boxed(text.sum("strata_training_jobs", labels -> "running".equals(labels.get("state")))),
        boxed(text.sum("strata_gpus_in_use")),
        boxed(text.sum("strata_gpus_capacity")),
        boxed(text.max("strata_lakehouse_commit_age_seconds")));
  }

  private static Double boxed(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }
}
