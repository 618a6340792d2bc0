package io.strata.drift;

import java.util.HashMap;
import java.util.Map;

/** One key's counts in one window: predictions, per feature the count per reference bin, per class. */
public class WindowCounts {

  public long count;
  public Map<String, long[]> featureBins = new HashMap<>();
  public Map<String, Long> classes = new HashMap<>();

  public WindowCounts() {}
}
