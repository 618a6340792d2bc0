package io.strata.drift.stats;

/** Which of a reference profile's bins a value falls in; values beyond the edges count in the outer bins. */
public final class Bins {

  private Bins() {}

  /**
   * The bin of {@code value} among the {@code edges.length - 1} bins the edges bound ({@code [e_i, e_i+1)}, the
   * last one closed).
   *
   * @throws IllegalArgumentException when there are fewer than two edges
   */
  public static int of(double value, double[] edges) {
    if (edges.length < 2) {
      throw new IllegalArgumentException("A histogram needs at least 2 bin edges, got " + edges.length);
    }
    int bins = edges.length - 1;
    if (Double.isNaN(value) || value < edges[1]) {
      return 0;
    }
    if (value >= edges[bins - 1]) {
      return bins - 1;
    }
    int low = 1;
    int high = bins - 1;
    // The bin i with edges[i] <= value < edges[i + 1].
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (edges[mid] <= value) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }
}
