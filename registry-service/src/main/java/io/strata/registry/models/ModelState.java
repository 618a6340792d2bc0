package io.strata.registry.models;

import io.strata.events.ModelEvent;
import io.strata.events.ModelStage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A model of a tenant: the fold of its {@code models} events (key {@code tenantId/modelName}). Memory: one record
 * per version with its metrics, classes and reference profile.
 *
 * @param tenantId the owning tenant
 * @param modelName the name within the tenant
 * @param versions versions by number
 */
record ModelState(String tenantId, String modelName, SortedMap<Integer, ModelVersion> versions) {

  ModelState {
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
  }

  /** The key of a model on the {@code models} topic. */
  static String key(String tenantId, String modelName) {
    return tenantId + "/" + modelName;
  }

  /** The state after {@code event}; a publish of a version seen before and a change of an unknown one are ignored. */
  static ModelState apply(ModelState previous, ModelEvent event) {
    var state = previous != null ? previous
        : new ModelState(event.getTenantId(), event.getModelName(), new TreeMap<>());
    var versions = new TreeMap<>(state.versions);
    switch (event.getKind()) {
      case VERSION_PUBLISHED -> {
        if (event.getPublished() == null || versions.containsKey(event.getVersion())) {
          return previous;
        }
        versions.put(event.getVersion(), new ModelVersion(event.getVersion(), event.getPublished(),
            event.getOccurredAt(), ModelStage.NONE, List.of()));
      }
      case STAGE_CHANGED -> {
        ModelVersion known = versions.get(event.getVersion());
        if (known == null || event.getStageChange() == null) {
          return previous;
        }
        var change = event.getStageChange();
        var history = new ArrayList<>(known.history());
        history.add(new ModelVersion.StageRecord(change.getFrom(), change.getTo(), change.getReason(),
            change.getChangedBy(), event.getOccurredAt()));
        versions.put(known.version(), new ModelVersion(known.version(), known.published(), known.publishedAt(),
            change.getTo(), history));
      }
      default -> {
        return previous;
      }
    }
    return new ModelState(state.tenantId, state.modelName, versions);
  }

  int latestVersion() {
    return versions.isEmpty() ? 0 : versions.lastKey();
  }
}
