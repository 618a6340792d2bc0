package io.strata.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times HTTP requests as the timer {@code http.server.requests} (Prometheus {@code http_server_requests_seconds}
 * with p50 and p99 as {@code quantile} series, plus count, sum and max), tagged by method, route template, status
 * and outcome. Framework-free: a Micronaut filter, a JDK server handler or a test calls {@link #record}.
 */
public final class HttpRequestMetrics {

  /** The timer's name; Prometheus renders it as {@code http_server_requests_seconds}. */
  public static final String TIMER = "http.server.requests";

  private final MeterRegistry registry;

  HttpRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Records one request.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param routeTemplate the matched route, e.g. {@code /tenants/{tenant}/apps}; never the raw path (ids would
   *     explode the number of series); {@code UNMATCHED} when no route matched
   * @param status the response status code
   * @param nanos the time from request received to response sent
   */
  public void record(String method, String routeTemplate, int status, long nanos) {
    Timer.builder(TIMER)
        .description("HTTP requests served, by route")
        .tag("method", method)
        .tag("uri", routeTemplate)
        .tag("status", Integer.toString(status))
        .tag("outcome", outcome(status))
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  static String outcome(int status) {
    if (status < 200) {
      return "INFORMATIONAL";
    } else if (status < 300) {
      return "SUCCESS";
    } else if (status < 400) {
      return "REDIRECTION";
    } else if (status < 500) {
      return "CLIENT_ERROR";
    }
    return "SERVER_ERROR";
  }
}
