/**
 * {@code GET /metrics} and per-route request timers for the Micronaut services (registry, upload gateway). A
 * service gets both by defining a {@link io.strata.observability.metrics.ComponentMetrics} bean; without one,
 * neither is loaded.
 */
package io.strata.observability.micronaut;
