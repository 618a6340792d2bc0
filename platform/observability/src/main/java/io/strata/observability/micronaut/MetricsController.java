package io.strata.observability.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.strata.observability.metrics.ComponentMetrics;

/** {@code GET /metrics}: the service's metrics in the Prometheus text format, unauthenticated like /health. */
@Controller
@Requires(beans = ComponentMetrics.class)
public final class MetricsController {

  private final ComponentMetrics metrics;

  public MetricsController(ComponentMetrics metrics) {
    this.metrics = metrics;
  }

  @Get(uri = "/metrics", produces = ComponentMetrics.CONTENT_TYPE)
  public String metrics() {
    return metrics.scrape();
  }
}
