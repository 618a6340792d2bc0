package io.strata.trainer.service;

import io.micrometer.core.instrument.Gauge;
import io.strata.observability.metrics.ComponentMetrics;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The trainer launcher's metrics on {@code /metrics}: the JVM's, and the pool's state from the launch engine —
 * {@code strata_training_jobs{state="queued|running"}}, {@code strata_gpus_in_use}, {@code strata_gpus_capacity} and
 * {@code strata_gpu_nodes}, which {@code strata status} summarises. The gauges hold the stats supplier strongly: a
 * Micrometer gauge only weakly references its object, and the supplier (a method reference) has no other owner, so a
 * garbage collection would otherwise turn every value into NaN. (Not {@code strata_gpus_total}: the Prometheus
 * exposition reserves the {@code _total} suffix for counters and drops it from a gauge.)
 */
final class LauncherMetrics {

  private LauncherMetrics() {
  }

  static ComponentMetrics create(Supplier<LaunchEngine.Stats> stats) {
    var metrics = ComponentMetrics.create("trainer-launcher");
    gauge(metrics, "strata.training.jobs", "Training jobs waiting for GPUs", "queued", stats, LaunchEngine.Stats::queued);
    gauge(metrics, "strata.training.jobs", "Training jobs whose trainer runs", "running", stats,
        LaunchEngine.Stats::running);
    Gauge.builder("strata.gpus.in.use", stats, s -> s.get().gpusInUse())
        .strongReference(true).description("GPUs held by running jobs").register(metrics.registry());
    Gauge.builder("strata.gpus.capacity", stats, s -> s.get().gpus())
        .strongReference(true).description("GPUs of the live nodes of the pool").register(metrics.registry());
    Gauge.builder("strata.gpu.nodes", stats, s -> s.get().nodes())
        .strongReference(true).description("Live nodes of the pool").register(metrics.registry());
    return metrics;
  }

  private static void gauge(ComponentMetrics metrics, String name, String description, String state,
      Supplier<LaunchEngine.Stats> stats, ToDoubleFunction<LaunchEngine.Stats> value) {
    Gauge.builder(name, stats, s -> value.applyAsDouble(s.get())).tag("state", state).strongReference(true)
        .description(description)
        .register(metrics.registry());
  }
}
