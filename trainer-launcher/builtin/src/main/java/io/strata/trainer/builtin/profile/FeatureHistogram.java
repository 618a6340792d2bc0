package io.strata.trainer.builtin.profile;

import java.util.Arrays;

/**
 * One feature's histogram: {@code n + 1} increasing edges and the share of images in each of the {@code n} bins.
 * Bin {@code i} holds values in {@code [edges[i], edges[i+1])}; values below the first edge count in the first bin
 * and values at or above the last edge in the last bin, so every image falls in a bin.
 *
 * @param name the feature (see {@link ImageFeatures#NAMES})
 * @param binEdges the n + 1 edges
 * @param binFractions the n shares, summing to 1
 */
public record FeatureHistogram(String name, double[] binEdges, double[] binFractions) {

  public FeatureHistogram {
    if (binEdges.length != binFractions.length + 1) {
      throw new IllegalArgumentException("A histogram of " + binFractions.length + " bins needs "
          + (binFractions.length + 1) + " edges, got " + binEdges.length);
    }
    binEdges = binEdges.clone();
    binFractions = binFractions.clone();
  }

  /** The bin {@code value} falls in, per the rule above. */
  public static int binOf(double[] edges, double value) {
    int bins = edges.length - 1;
    for (int i = 1; i < bins; i++) {
      if (value < edges[i]) {
        return i - 1;
      }
    }
    return bins - 1;
  }

  @Override
  public double[] binEdges() {
    return binEdges.clone();
  }

  @Override
  public double[] binFractions() {
    return binFractions.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureHistogram h && name.equals(h.name) && Arrays.equals(binEdges, h.binEdges)
        && Arrays.equals(binFractions, h.binFractions);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(binEdges)) + Arrays.hashCode(binFractions);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(binEdges) + "->" + Arrays.toString(binFractions);
  }
}
