package io.strata.streams.datasets;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one or more slices contributed to a version: which slices (a bit each), the partial hash sum, and the
 * item counts per class and split.
 *
 * @param marker the cut (slice fields are those of the first slice seen)
 * @param sliceMask bit i set when slice i answered
 * @param hashSum the partial {@link VersionHash.Sum} (32 bytes)
 * @param itemCount items so far
 * @param counts count per {@code class NUL split}, sorted
 */
public record SliceSummary(CutMarker marker, long sliceMask, byte[] hashSum, long itemCount,
    Map<String, Long> counts) {

  public SliceSummary {
    counts = new TreeMap<>(counts);
  }

  /** This summary and {@code other} (of other slices) together. */
  public SliceSummary merge(SliceSummary other) {
    if ((sliceMask & other.sliceMask) != 0) {
      throw new IllegalStateException("Slices " + Long.toBinaryString(sliceMask & other.sliceMask)
          + " answered twice for dataset " + marker.dataset().datasetId() + " version " + marker.version());
    }
    var sum = new VersionHash.Sum(hashSum, itemCount);
    sum.merge(new VersionHash.Sum(other.hashSum, other.itemCount));
    var merged = new TreeMap<>(counts);
    other.counts.forEach((key, count) -> merged.merge(key, count, Long::sum));
    return new SliceSummary(marker, sliceMask | other.sliceMask, sum.bytes(), sum.count(), merged);
  }

  /** Whether every slice answered. */
  public boolean complete() {
    return Long.bitCount(sliceMask) == marker.slices();
  }
}
