package io.strata.registry.models;

import io.strata.events.ModelStage;
import io.strata.registry.controlplane.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stage changes one request makes: the version to its new stage and, when it is promoted to PRODUCTION, every
 * other PRODUCTION version to ARCHIVED (unless the caller keeps them), the promotion first so that there is never
 * a moment without a production version.
 */
final class StagePlan {

  /** One version's change. */
  record Change(int version, ModelStage from, ModelStage to) {}

  private StagePlan() {}

  /** Parses a stage name. @throws ApiError 422 INVALID_STAGE */
  static ModelStage stage(String text) {
    if (text != null) {
      for (ModelStage stage : List.of(ModelStage.NONE, ModelStage.STAGING, ModelStage.PRODUCTION,
          ModelStage.ARCHIVED)) {
        if (stage.name().equalsIgnoreCase(text.strip())) {
          return stage;
        }
      }
    }
    throw ApiError.invalid("INVALID_STAGE", "Invalid stage '" + text + "': use NONE, STAGING, PRODUCTION or ARCHIVED");
  }

  /**
   * @param stages the stage of every version of the model
   * @param version the version to move (must be in {@code stages})
   * @param target where to move it
   * @param archiveExisting whether a promotion to PRODUCTION archives the other PRODUCTION versions
   * @throws ApiError 409 STAGE_UNCHANGED when the version already is in {@code target}
   */
  static List<Change> plan(Map<Integer, ModelStage> stages, int version, ModelStage target, boolean archiveExisting) {
    ModelStage current = stages.get(version);
    if (current == target) {
      throw new ApiError(409, "STAGE_UNCHANGED", "Version " + version + " already is in stage " + target
          + "; nothing was changed");
    }
    var changes = new ArrayList<Change>();
    changes.add(new Change(version, current, target));
    if (target == ModelStage.PRODUCTION && archiveExisting) {
      stages.entrySet().stream()
          .filter(e -> e.getKey() != version && e.getValue() == ModelStage.PRODUCTION)
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> changes.add(new Change(e.getKey(), ModelStage.PRODUCTION, ModelStage.ARCHIVED)));
    }
    return changes;
  }
}
