package io.strata.drift.stats;

/**
 * The Kolmogorov-Smirnov distance between two distributions over the same bins: the largest gap between their
 * cumulative shares, read at the bin edges (the binned approximation of the continuous statistic).
 */
public final class Ks {

  private Ks() {}

  /** The distance between {@code counts} and {@code expected} fractions; 0 when nothing was counted. */
  public static double of(double[] expected, long[] counts) {
    if (expected.length != counts.length) {
      throw new IllegalArgumentException("Expected " + expected.length + " bins, counted " + counts.length);
    }
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double expectedTotal = 0;
    for (double e : expected) {
      expectedTotal += e;
    }
    if (total == 0 || expectedTotal <= 0) {
      return 0;
    }
    double observed = 0;
    double reference = 0;
    double distance = 0;
    for (int i = 0; i < counts.length; i++) {
      observed += counts[i] / (double) total;
      reference += expected[i] / expectedTotal;
      distance = Math.max(distance, Math.abs(observed - reference));
    }
    return distance;
  }
}
