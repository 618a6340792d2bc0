package io.strata.streams.training;

/** What a trigger decision asks for: a dataset version, or a training job on a version. */
public sealed interface TriggerAction {

  /** Append a {@code VERSION_REQUESTED} with this request id, on behalf of {@code policy}. */
  record RequestVersion(String requestId, String policy) implements TriggerAction {
  }

  /** Append a {@code training-jobs} {@code REQUESTED} for {@code version} under {@code policy}. */
  record StartJob(String jobId, String policy, int version) implements TriggerAction {
  }
}
