package io.strata.drift.stats;

/**
 * Population stability index of observed counts against expected fractions:
 * {@code sum((a_i - e_i) * ln(a_i / e_i))}, with both shares floored at {@link #EPSILON} so an empty bin does not
 * make it infinite. 0 for identical distributions; by custom below 0.1 is stable, 0.1 to 0.25 a moderate shift,
 * above 0.25 a major one.
 */
public final class Psi {

  /** The floor of a share. */
  public static final double EPSILON = 1e-4;

  private Psi() {}

  /** The PSI of {@code counts} against {@code expected} (fractions of the same bins); 0 when nothing was counted. */
  public static double of(double[] expected, long[] counts) {
    if (expected.length != counts.length) {
      throw new IllegalArgumentException("Expected " + expected.length + " bins, counted " + counts.length);
    }
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    double expectedTotal = 0;
    for (double e : expected) {
      expectedTotal += e;
    }
    double psi = 0;
    for (int i = 0; i < counts.length; i++) {
      double a = Math.max(counts[i] / (double) total, EPSILON);
      double e = Math.max(expectedTotal > 0 ? expected[i] / expectedTotal : 0, EPSILON);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }
}
