package io.strata.registry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.strata.observability.metrics.ComponentMetrics;
import jakarta.inject.Singleton;

/** The registry's metrics, served on {@code GET /metrics} with per-route request timers (io.strata.observability.micronaut). */
@Factory
final class MetricsFactory {

  @Singleton
  @Bean(preDestroy = "close")
  ComponentMetrics metrics() {
    return ComponentMetrics.create("registry");
  }
}
