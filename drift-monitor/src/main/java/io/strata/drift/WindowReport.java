package io.strata.drift;

import java.util.ArrayList;
import java.util.List;

/** One window's drift, as the job computes it; {@link DriftReportSerializer} writes it as a {@code DriftReport}. */
public class WindowReport {

  public String key;
  public String tenantId;
  public String modelName;
  public int modelVersion;
  public long windowStart;
  public long windowEnd;
  public long predictionCount;
  public List<String> featureNames = new ArrayList<>();
  public List<Double> featurePsi = new ArrayList<>();
  public List<Double> featureKs = new ArrayList<>();
  public double classDistributionPsi;
  public String severity;

  public WindowReport() {}
}
