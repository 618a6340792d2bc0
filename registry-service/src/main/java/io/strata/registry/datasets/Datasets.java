package io.strata.registry.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.auth.apps.CompactedTopicView;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.DatasetRule;
import io.strata.events.VersionRequest;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.Caller;
import io.strata.registry.controlplane.EventWriter;
import io.strata.registry.controlplane.Json;
import io.strata.registry.controlplane.TenantScope;
import io.strata.registry.tenants.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datasets of tenants: commands are validated, appended to {@code datasets} and answered from the view once it
 * applied them; version requests are answered by the versioner's cut; items and diffs are read from
 * {@code dataset-version-items}. A dataset of another tenant is as unknown as a missing one.
 */
public final class Datasets {

  /** An answer whose status depends on the outcome (a version request: cut, already cut, or pending). */
  public record Answer(int status, Map<String, Object> body) {}

  private static final Logger log = LoggerFactory.getLogger(Datasets.class);
  static final String PRODUCER = "registry-service";

  private final CompactedTopicView<DatasetEvent, DatasetState> view;
  private final Object applied;
  private final EventWriter<DatasetEvent> writer;
  private final Tenants tenants;
  private final VersionItemsReader items;
  private final DatasetSettings settings;
  private final Clock clock;

  /**
   * @param applied notified by the view's projection after each event, so that waiters re-check
   */
  Datasets(CompactedTopicView<DatasetEvent, DatasetState> view, Object applied, EventWriter<DatasetEvent> writer,
      Tenants tenants, VersionItemsReader items, DatasetSettings settings, Clock clock) {
    this.view = view;
    this.applied = applied;
    this.writer = writer;
    this.tenants = tenants;
    this.items = items;
    this.settings = settings;
    this.clock = clock;
  }

  /** Creates a dataset from its rule (and {@code datasetId}, {@code tenantId} for the operator). */
  /** requestIds of the training trigger's own version requests (stream-processors, {@code TriggerIds}). */
  static final String TRIGGER_PREFIX = "trigger:";

  public synchronized Map<String, Object> create(Caller caller, JsonNode body, String requestId) {
    String tenantId = TenantScope.required(caller, Json.text(body, "tenantId", "INVALID_TENANT_ID"));
    tenants.require(tenantId);
    String datasetId = Optional.ofNullable(DatasetRules.datasetId(body))
        .orElseGet(() -> "ds-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    DatasetRule rule = DatasetRules.created(body);
    if (view.get(datasetId).isPresent()) {
      throw new ApiError(409, "DATASET_EXISTS", "Dataset '" + datasetId + "' already exists; choose another "
          + "datasetId or leave it out to get a generated one");
    }
    writer.append(datasetId, event(tenantId, datasetId, requestId).setKind(DatasetEventKind.CREATED).setRule(rule)
        .build());
    log.info("Dataset created datasetId={} tenant={} requestId={}", datasetId, tenantId, requestId);
    return DatasetJson.dataset(view.get(datasetId).orElseThrow());
  }

  /** Changes the rule: present fields replace, absent ones stay. */
  public synchronized Map<String, Object> changeRule(Caller caller, String datasetId, JsonNode body,
      String requestId) {
    DatasetState dataset = require(caller, datasetId);
    DatasetRule rule = DatasetRules.changed(dataset.rule(), body);
    writer.append(datasetId, event(dataset.tenantId(), datasetId, requestId).setKind(DatasetEventKind.RULE_CHANGED)
        .setRule(rule).build());
    log.info("Dataset rule changed datasetId={} tenant={} requestId={}", datasetId, dataset.tenantId(), requestId);
    return DatasetJson.dataset(view.get(datasetId).orElseThrow());
  }

  /** The datasets the caller sees, by id (the operator: of {@code tenantFilter}, or all). */
  public List<Map<String, Object>> list(Caller caller, String tenantFilter) {
    Optional<String> tenant = TenantScope.filter(caller, tenantFilter);
    return view.values().stream().filter(d -> tenant.map(d.tenantId()::equals).orElse(true))
        .sorted(Comparator.comparing(DatasetState::datasetId)).map(DatasetJson::summary).toList();
  }

  public Map<String, Object> get(Caller caller, String datasetId) {
    return DatasetJson.dataset(require(caller, datasetId));
  }

  /**
   * Asks the versioner for a version and waits up to {@code wait} for its cut. A request id already cut is
   * answered with that version (200) without asking again; a request still pending is not asked twice.
   *
   * @return 201 with the new version, 200 with the version an earlier request with this id got, or 202 PENDING
   */
  public Answer requestVersion(Caller caller, String datasetId, JsonNode body, Duration wait, String causationId) {
    DatasetState dataset = require(caller, datasetId);
    String requestId = Optional.ofNullable(Json.text(body, "requestId", "INVALID_REQUEST_ID"))
        .orElseGet(() -> UUID.randomUUID().toString());
    if (requestId.isBlank() || requestId.length() > 100) {
      throw ApiError.invalid("INVALID_REQUEST_ID", "requestId must be 1 to 100 characters");
    }
    if (requestId.startsWith(TRIGGER_PREFIX)) {
      // The training trigger starts a job for the cut answering a request of its own, recognised by this prefix.
      throw ApiError.invalid("INVALID_REQUEST_ID", "requestIds starting with '" + TRIGGER_PREFIX + "' are reserved "
          + "for the training trigger; choose another requestId");
    }
    var earlier = dataset.version(requestId);
    if (earlier.isPresent()) {
      return new Answer(200, DatasetJson.version(datasetId, earlier.get()));
    }
    if (!dataset.pendingRequests().contains(requestId)) {
      writer.append(datasetId, event(dataset.tenantId(), datasetId, causationId)
          .setKind(DatasetEventKind.VERSION_REQUESTED)
          .setVersionRequest(new VersionRequest(requestId, TenantScope.actor(caller))).build());
      log.info("Dataset version requested datasetId={} tenant={} requestId={}", datasetId, dataset.tenantId(),
          requestId);
    }
    Optional<VersionInfo> cut = awaitCut(datasetId, requestId, wait);
    if (cut.isPresent()) {
      return new Answer(201, DatasetJson.version(datasetId, cut.get()));
    }
    var pending = new LinkedHashMap<String, Object>();
    pending.put("datasetId", datasetId);
    pending.put("requestId", requestId);
    pending.put("status", "PENDING");
    pending.put("message", "The versioner has not cut this version yet: repeat the request with the same "
        + "requestId to wait again, or list GET /v1/datasets/" + datasetId + "/versions");
    return new Answer(202, pending);
  }

  public List<Map<String, Object>> versions(Caller caller, String datasetId) {
    return require(caller, datasetId).versions().values().stream().map(v -> DatasetJson.version(datasetId, v))
        .toList();
  }

  public Map<String, Object> version(Caller caller, String datasetId, int version) {
    return DatasetJson.version(datasetId, requireVersion(require(caller, datasetId), version));
  }

  /** A page of a version's items in log order; {@code after} is the {@code next} of the previous page. */
  public Map<String, Object> items(Caller caller, String datasetId, int version, String after, int limit) {
    VersionInfo info = requireVersion(require(caller, datasetId), version);
    var cursor = after == null || after.isBlank() ? null : ItemCursor.parse(after);
    var page = items.page(key(datasetId, version), info.itemCount(), cursor, limit);
    var json = new LinkedHashMap<String, Object>();
    json.put("datasetId", datasetId);
    json.put("version", version);
    json.put("itemCount", info.itemCount());
    json.put("items", page.items().stream().map(DatasetJson::item).toList());
    json.put("next", page.next() == null ? null : page.next().text());
    return json;
  }

  /**
   * Added, removed and relabelled samples from version {@code from} to {@code to}; each list holds at most
   * {@code limit} entries, the counts are complete.
   */
  public Map<String, Object> diff(Caller caller, String datasetId, int from, int to, int limit) {
    DatasetState dataset = require(caller, datasetId);
    VersionInfo older = requireVersion(dataset, from);
    VersionInfo newer = requireVersion(dataset, to);
    if (older.itemCount() > settings.diffMaxItems()) {
      throw ApiError.invalid("DIFF_TOO_LARGE", "Version " + from + " has " + older.itemCount() + " items, more than "
          + DatasetSettings.DIFF_MAX_ITEMS + "=" + settings.diffMaxItems() + " a diff holds in memory; diff with SQL "
          + "on the lakehouse table dataset_version_items instead");
    }
    var diff = new ItemsDiff();
    items.forEach(key(datasetId, from), older.itemCount(), diff::older);
    items.forEach(key(datasetId, to), newer.itemCount(), diff::newer);
    var result = diff.result();
    var json = new LinkedHashMap<String, Object>();
    json.put("datasetId", datasetId);
    json.put("from", from);
    json.put("to", to);
    json.put("addedCount", result.added().size());
    json.put("removedCount", result.removed().size());
    json.put("relabelledCount", result.relabelled().size());
    json.put("added", result.added().stream().limit(limit).map(DatasetJson::item).toList());
    json.put("removed", result.removed().stream().limit(limit).map(DatasetJson::item).toList());
    json.put("relabelled", result.relabelled().stream().limit(limit).map(r -> {
      var change = new LinkedHashMap<String, Object>();
      change.put("sampleId", r.to().getSampleId());
      change.put("from", DatasetJson.label(r.from()));
      change.put("to", DatasetJson.label(r.to()));
      return change;
    }).toList());
    json.put("truncated", result.added().size() > limit || result.removed().size() > limit
        || result.relabelled().size() > limit);
    return json;
  }

  /** The key of a version's items on {@code dataset-version-items}. */
  static String key(String datasetId, int version) {
    return datasetId + "/" + version;
  }

  private Optional<VersionInfo> awaitCut(String datasetId, String requestId, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      var cut = view.get(datasetId).flatMap(d -> d.version(requestId));
      long left = deadline - System.nanoTime();
      if (cut.isPresent() || left <= 0) {
        return cut;
      }
      synchronized (applied) {
        try {
          // The projection notifies before the view stores the new state: wait briefly, then look again.
          applied.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  private DatasetState require(Caller caller, String datasetId) {
    return view.get(datasetId).filter(d -> TenantScope.sees(caller, d.tenantId()))
        .orElseThrow(() -> ApiError.notFound("DATASET_NOT_FOUND", "No dataset '" + datasetId + "'; list yours with "
            + "GET /v1/datasets or create it with POST /v1/datasets"));
  }

  private static VersionInfo requireVersion(DatasetState dataset, int version) {
    VersionInfo info = dataset.versions().get(version);
    if (info == null) {
      throw ApiError.notFound("VERSION_NOT_FOUND", "Dataset '" + dataset.datasetId() + "' has no version " + version
          + "; its versions are " + dataset.versions().keySet() + " (request one with POST /v1/datasets/"
          + dataset.datasetId() + "/versions)");
    }
    return info;
  }

  private DatasetEvent.Builder event(String tenantId, String datasetId, String requestId) {
    return DatasetEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenantId)
        .setOccurredAt(clock.instant()).setProducer(PRODUCER).setCausationId(requestId).setDatasetId(datasetId);
  }
}
