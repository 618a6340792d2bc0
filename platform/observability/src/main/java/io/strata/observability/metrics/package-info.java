/**
 * The metrics of one Strata component: {@link io.strata.observability.metrics.ComponentMetrics} is a Prometheus
 * registry tagged {@code component=<name>} with JVM, process and Kafka client/Streams metrics, and
 * {@link io.strata.observability.metrics.HttpRequestMetrics} times HTTP requests (p50/p99) without knowing any web
 * framework.
 *
 * <p>A Micronaut service wires it in two small adapters: a {@code @Singleton ComponentMetrics} factory bean, an
 * {@code HttpServerFilter} that, after {@code proceed}, calls {@code metrics.http().record(request.getMethodName(),
 * route template from request.getAttribute(HttpAttributes.URI_TEMPLATE) or "UNMATCHED", response.code(),
 * System.nanoTime() - start)}, and a {@code @Controller} with {@code @Get(uri = "/metrics", produces =
 * ComponentMetrics.CONTENT_TYPE)} returning {@code metrics.scrape()}. Never record raw paths as the route: ids in
 * paths would make one time series per id.
 */
package io.strata.observability.metrics;
