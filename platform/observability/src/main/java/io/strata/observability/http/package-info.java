/**
 * {@code GET /metrics} and {@code GET /health} for components that serve no web framework, on the JDK's
 * {@link com.sun.net.httpserver.HttpServer}. {@link io.strata.observability.http.ObservabilityEndpoints#attach}
 * adds both to a server the component already runs, so health and metrics share one port.
 */
package io.strata.observability.http;
