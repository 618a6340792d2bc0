package io.strata.drift;

import java.util.HashMap;
import java.util.Map;

/**
 * What the job reads, decoded from the wire format into plain fields Flink serialises as a POJO: a prediction, a
 * model version's reference profile, or a record that could not be decoded (kept whole for the dead letters).
 */
public class Observation {

  /** What this observation is. */
  public enum Kind { PREDICTION, PROFILE, POISON }

  public Kind kind;
  /** {@code tenant/model/version}: the key everything is grouped by. */
  public String key;
  public String tenantId;
  public String modelName;
  public int modelVersion;
  /** Event time (the prediction's {@code occurredAt}), epoch milliseconds. */
  public long timestamp;
  /** PREDICTION: feature values by name; PROFILE: unused. */
  public Map<String, Double> features = new HashMap<>();
  public String predictedClass;
  /** PROFILE: bin edges and fractions per feature. */
  public Map<String, double[]> binEdges = new HashMap<>();
  public Map<String, double[]> binFractions = new HashMap<>();
  public Map<String, Double> classDistribution = new HashMap<>();
  /** POISON: where the record was, why it failed, and its bytes. */
  public String sourceTopic;
  public int sourcePartition;
  public long sourceOffset;
  public String reason;
  public byte[] rawKey;
  public byte[] rawValue;

  public Observation() {}
}
