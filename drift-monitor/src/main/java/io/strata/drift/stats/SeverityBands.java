package io.strata.drift.stats;

import io.strata.events.DriftSeverity;

/**
 * The severity of a window from its worst PSI (over features and the class distribution): below {@code moderate}
 * {@code NONE} (or {@code LOW} from half of it), below {@code severe} {@code MODERATE}, else {@code SEVERE}. A window
 * with fewer than {@code minPredictions} predictions is too small to judge: {@code UNKNOWN}.
 *
 * @param moderate the PSI from which a shift is moderate (default 0.1)
 * @param severe the PSI from which a shift is severe (default 0.25)
 * @param minPredictions the fewest predictions a window needs to be judged (default 20)
 */
public record SeverityBands(double moderate, double severe, long minPredictions) implements java.io.Serializable {

  public SeverityBands {
    if (!(moderate > 0 && severe > moderate)) {
      throw new IllegalArgumentException("Drift thresholds must satisfy 0 < moderate < severe, got moderate="
          + moderate + " severe=" + severe);
    }
    if (minPredictions < 1) {
      throw new IllegalArgumentException("min-predictions must be at least 1, got " + minPredictions);
    }
  }

  /** 0.1 and 0.25, the usual PSI bands, and 20 predictions. */
  public static SeverityBands defaults() {
    return new SeverityBands(0.1, 0.25, 20);
  }

  /** The severity of a window of {@code predictions} whose worst PSI is {@code worstPsi}. */
  public DriftSeverity of(double worstPsi, long predictions) {
    if (predictions < minPredictions) {
      return DriftSeverity.UNKNOWN;
    }
    if (worstPsi >= severe) {
      return DriftSeverity.SEVERE;
    }
    if (worstPsi >= moderate) {
      return DriftSeverity.MODERATE;
    }
    return worstPsi >= moderate / 2 ? DriftSeverity.LOW : DriftSeverity.NONE;
  }
}
