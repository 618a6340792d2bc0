package io.strata.lakehouse.metrics;

import io.strata.observability.metrics.ComponentMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics} on the Connect worker's REST server: every meter of the worker's {@link ComponentMetrics} in
 * the Prometheus text format ({@link ComponentMetrics#CONTENT_TYPE}), whatever the request's Accept header.
 */
@Path("/metrics")
public final class MetricsResource {

  private final ComponentMetrics metrics;

  /** @param metrics the registry to scrape */
  public MetricsResource(ComponentMetrics metrics) {
    this.metrics = metrics;
  }

  /** The scrape. */
  @GET
  public Response scrape() {
    return Response.ok(metrics.scrape(), ComponentMetrics.CONTENT_TYPE).build();
  }
}
