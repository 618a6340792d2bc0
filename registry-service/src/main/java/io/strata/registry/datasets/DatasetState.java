package io.strata.registry.datasets;

import io.strata.events.DatasetEvent;
import io.strata.events.DatasetRule;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset as the registry knows it: the fold of its {@code datasets} events (memory: the rule, one small record
 * per version and the ids of requests not cut yet).
 *
 * @param datasetId the global id
 * @param tenantId the owning tenant
 * @param rule the rule in force
 * @param createdAt when it was created
 * @param updatedAt when its rule last changed
 * @param versions cut versions by number
 * @param pendingRequests request ids asked for and not cut yet
 */
record DatasetState(String datasetId, String tenantId, DatasetRule rule, Instant createdAt, Instant updatedAt,
    SortedMap<Integer, VersionInfo> versions, Set<String> pendingRequests) {

  private static final Logger log = LoggerFactory.getLogger(DatasetState.class);

  DatasetState {
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    pendingRequests = Collections.unmodifiableSet(new LinkedHashSet<>(pendingRequests));
  }

  /**
   * The state after {@code event}. Events the versioner would refuse (for a dataset never created, of another
   * tenant) change nothing; a cut seen twice (the versioner replaying its log) is kept once.
   *
   * @param previous the state so far, or null
   * @return the new state, or null while the dataset was never created
   */
  static DatasetState apply(DatasetState previous, DatasetEvent event) {
    if (previous == null) {
      if (event.getKind() == io.strata.events.DatasetEventKind.CREATED && event.getRule() != null) {
        return new DatasetState(event.getDatasetId(), event.getTenantId(), event.getRule(), event.getOccurredAt(),
            event.getOccurredAt(), new TreeMap<>(), Set.of());
      }
      log.warn("Dataset event ignored: datasetId={} kind={} reason=dataset never created", event.getDatasetId(),
          event.getKind());
      return null;
    }
    if (!previous.tenantId().equals(event.getTenantId())) {
      log.warn("Dataset event ignored: datasetId={} kind={} tenant={} owner={} reason=another tenant's dataset",
          event.getDatasetId(), event.getKind(), event.getTenantId(), previous.tenantId());
      return previous;
    }
    return switch (event.getKind()) {
      case RULE_CHANGED -> event.getRule() == null ? previous
          : new DatasetState(previous.datasetId, previous.tenantId, event.getRule(), previous.createdAt,
              event.getOccurredAt(), previous.versions, previous.pendingRequests);
      case VERSION_REQUESTED -> {
        String requestId = requestId(event);
        if (previous.version(requestId).isPresent()) {
          yield previous;
        }
        var pending = new LinkedHashSet<>(previous.pendingRequests);
        pending.add(requestId);
        yield new DatasetState(previous.datasetId, previous.tenantId, previous.rule, previous.createdAt,
            previous.updatedAt, previous.versions, pending);
      }
      case VERSION_CUT -> {
        var cut = event.getVersionCut();
        if (cut == null || previous.versions.containsKey(cut.getVersion())) {
          yield previous;
        }
        var versions = new TreeMap<>(previous.versions);
        versions.put(cut.getVersion(), VersionInfo.of(cut, event.getOccurredAt()));
        var pending = new LinkedHashSet<>(previous.pendingRequests);
        if (cut.getRequestId() != null) {
          pending.remove(cut.getRequestId());
        }
        yield new DatasetState(previous.datasetId, previous.tenantId, previous.rule, previous.createdAt,
            previous.updatedAt, versions, pending);
      }
      default -> previous;
    };
  }

  /** The version that answered {@code requestId}, if cut. */
  Optional<VersionInfo> version(String requestId) {
    return versions.values().stream().filter(v -> requestId.equals(v.requestId())).findFirst();
  }

  /** The id the versioner answers a request under: its requestId, or the event id when it has none. */
  static String requestId(DatasetEvent event) {
    return event.getVersionRequest() == null ? event.getEventId() : event.getVersionRequest().getRequestId();
  }
}
