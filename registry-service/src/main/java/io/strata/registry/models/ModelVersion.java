package io.strata.registry.models;

import io.strata.events.ModelPublished;
import io.strata.events.ModelStage;
import java.time.Instant;
import java.util.List;

/**
 * One published version of a model.
 *
 * @param version 1, 2, ... per model
 * @param published job, dataset version, artifact, metrics and reference profile
 * @param publishedAt when it was published
 * @param stage its stage now
 * @param history every stage change, oldest first
 */
record ModelVersion(int version, ModelPublished published, Instant publishedAt, ModelStage stage,
    List<StageRecord> history) {

  /**
   * One stage change.
   *
   * @param from the stage before
   * @param to the stage after
   * @param reason why, as given
   * @param changedBy {@code operator}, {@code app:<appKey>} or {@code registry}
   * @param at when
   */
  record StageRecord(ModelStage from, ModelStage to, String reason, String changedBy, Instant at) {}

  ModelVersion {
    history = List.copyOf(history);
  }
}
