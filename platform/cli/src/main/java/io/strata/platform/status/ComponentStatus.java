package io.strata.platform.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code strata status}: a component, where it is, whether it answered, and the summary of its
 * {@code /metrics} ({@code null}, and absent from the JSON, when it serves none).
 */
@JsonPropertyOrder({"name", "url", "healthy", "metrics"})
public record ComponentStatus(String name, String url, boolean healthy,
    @JsonInclude(JsonInclude.Include.NON_NULL) MetricsSummary metrics) {

  /** A component checked for health only. */
  public ComponentStatus(String name, String url, boolean healthy) {
    this(name, url, healthy, null);
  }
}
