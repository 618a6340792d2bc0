package io.strata.streams.training;

import io.strata.events.DriftSeverity;
import io.strata.events.TrainingPolicy;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset's training policy as the trigger applies it.
 *
 * @param newLabels request a version and a job once this many new labels were counted; null = off
 * @param driftSeverity request a version and a job when a drift report on {@code modelName} reaches this
 *     severity; null = off
 * @param modelName the model the jobs train, and whose drift reports count
 * @param trainer the trainer the jobs run
 * @param gpus GPUs per job
 * @param hyperparameters passed to the trainer as they are
 */
public record Policy(Integer newLabels, DriftSeverity driftSeverity, String modelName, String trainer, int gpus,
    Map<String, String> hyperparameters) {

  /** The name of the policy a label count triggers, as recorded on the job request. */
  public static final String NEW_LABELS = "new-labels";
  /** The name of the policy a drift report triggers, as recorded on the job request. */
  public static final String DRIFT = "drift";

  public Policy {
    hyperparameters = Collections.unmodifiableSortedMap(new TreeMap<>(hyperparameters));
    if (newLabels != null && newLabels < 1) {
      throw new IllegalArgumentException("trainingPolicy.newLabels must be at least 1 (or null to turn it off), got "
          + newLabels);
    }
    if (driftSeverity == DriftSeverity.UNKNOWN) {
      throw new IllegalArgumentException("trainingPolicy.driftSeverity must be NONE, LOW, MODERATE or SEVERE "
          + "(or null to turn it off), got UNKNOWN");
    }
    if (modelName == null || modelName.isBlank()) {
      throw new IllegalArgumentException("trainingPolicy.modelName must name the model the jobs train");
    }
    if (trainer == null || trainer.isBlank()) {
      throw new IllegalArgumentException("trainingPolicy.trainer must name a trainer, e.g. builtin");
    }
    if (gpus < 0) {
      throw new IllegalArgumentException("trainingPolicy.gpus must be 0 or more, got " + gpus);
    }
  }

  /** The policy a rule carries; null when it carries none. Fails on an invalid policy. */
  public static Policy of(TrainingPolicy policy) {
    if (policy == null) {
      return null;
    }
    return new Policy(policy.getNewLabels(), policy.getDriftSeverity(), policy.getModelName(), policy.getTrainer(),
        policy.getGpus(), policy.getHyperparameters());
  }

  /** Whether a report of {@code severity} reaches this policy's drift threshold. UNKNOWN never does. */
  public boolean driftReached(DriftSeverity severity) {
    return driftSeverity != null && severity != null && severity != DriftSeverity.UNKNOWN
        && severity.ordinal() >= driftSeverity.ordinal();
  }

  /** Whether the named policy ({@link #NEW_LABELS} or {@link #DRIFT}) is turned on. */
  public boolean enabled(String policy) {
    return switch (policy) {
      case NEW_LABELS -> newLabels != null;
      case DRIFT -> driftSeverity != null;
      default -> false;
    };
  }
}
