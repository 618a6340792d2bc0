package io.strata.observability.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.strata.observability.metrics.ComponentMetrics;

/**
 * Times every request by its route template ({@code /v1/datasets/{datasetId}}, never the raw path, so ids do not
 * become metric labels); requests that match no route count as {@code UNMATCHED}. {@code /metrics} itself is
 * not timed.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(beans = ComponentMetrics.class)
public final class RequestMetricsFilter {

  private static final String STARTED = RequestMetricsFilter.class.getName() + ".started";

  private final ComponentMetrics metrics;

  public RequestMetricsFilter(ComponentMetrics metrics) {
    this.metrics = metrics;
  }

  @RequestFilter
  public void started(HttpRequest<?> request) {
    request.setAttribute(STARTED, System.nanoTime());
  }

  @ResponseFilter
  public void finished(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Long started = request.getAttribute(STARTED, Long.class).orElse(null);
    if (started == null || request.getPath().equals("/metrics")) {
      return;
    }
    String route = BasicHttpAttributes.getUriTemplate(request).orElse("UNMATCHED");
    metrics.http().record(request.getMethodName(), route, response.code(), System.nanoTime() - started);
  }
}
