package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LauncherMetricsTest {

  @Test
  void shouldKeepReportingThePoolAfterAGarbageCollection() {
    var stats = new LaunchEngine.Stats("RUNNING", 2, 8, 3, 1, 2, null);
    try (var metrics = LauncherMetrics.create(() -> stats)) {
      // The supplier above has no owner but the gauges; a weakly held one would be collected and read NaN.
      System.gc();
      System.gc();

      assertThat(metrics.scrape())
          .containsPattern("strata_training_jobs\\{[^}]*state=\"queued\"[^}]*} 1.0")
          .containsPattern("strata_training_jobs\\{[^}]*state=\"running\"[^}]*} 2.0")
          .containsPattern("strata_gpus_in_use\\{[^}]*} 3.0")
          .containsPattern("strata_gpus_capacity\\{[^}]*} 8.0")
          .containsPattern("strata_gpu_nodes\\{[^}]*} 2.0")
          .doesNotContain("NaN");
    }
  }
}
