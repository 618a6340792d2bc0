package io.strata.registry.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.auth.apps.CompactedTopicView;
import io.strata.blobstore.BlobNotFoundException;
import io.strata.blobstore.BlobStore;
import io.strata.events.ModelEvent;
import io.strata.events.ModelEventKind;
import io.strata.events.ModelPublished;
import io.strata.events.ModelStage;
import io.strata.events.StageChange;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.Caller;
import io.strata.registry.controlplane.EventWriter;
import io.strata.registry.controlplane.Json;
import io.strata.registry.controlplane.TenantScope;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry of every tenant: publishes versions from succeeded jobs (version = previous + 1, once per
 * job), changes stages, and answers reads from the view of {@code models}. A model or job of another tenant is as
 * unknown as a missing one.
 */
public final class Models {

  /** A version's artifact to stream to the caller, who closes {@code content}. */
  public record Artifact(InputStream content, String sha256, long sizeBytes, String fileName) {}

  private static final Logger log = LoggerFactory.getLogger(Models.class);
  static final String PRODUCER = "registry-service";

  private final CompactedTopicView<ModelEvent, ModelState> models;
  private final Map<String, String> publishedJobs;
  private final CompactedTopicView<TrainingJobEvent, JobState> jobs;
  private final EventWriter<ModelEvent> writer;
  private final Optional<BlobStore> blobs;
  private final Clock clock;

  /**
   * @param publishedJobs jobId to {@code tenantId/modelName:version}, kept by the models view's projection
   */
  Models(CompactedTopicView<ModelEvent, ModelState> models, Map<String, String> publishedJobs,
      CompactedTopicView<TrainingJobEvent, JobState> jobs, EventWriter<ModelEvent> writer, Optional<BlobStore> blobs,
      Clock clock) {
    this.models = models;
    this.publishedJobs = publishedJobs;
    this.jobs = jobs;
    this.writer = writer;
    this.blobs = blobs;
    this.clock = clock;
  }

  /** Publishes the next version of {@code modelName} from {@code {"jobId"}}, a succeeded job of the tenant. */
  public Map<String, Object> publish(Caller caller, String namedTenant, String modelName, JsonNode body,
      String requestId) {
    String tenantId = TenantScope.required(caller, namedTenant);
    ModelName.validate(modelName, "INVALID_MODEL_NAME");
    String jobId = Json.text(body, "jobId", "INVALID_JOB_ID");
    if (jobId == null || jobId.isBlank()) {
      throw ApiError.invalid("INVALID_JOB_ID", "jobId is required: the succeeded training job to publish");
    }
    JobState job = jobs.get(jobId).filter(j -> j.tenantId().equals(tenantId))
        .orElseThrow(() -> ApiError.notFound("JOB_NOT_FOUND", "Tenant '" + tenantId + "' has no training job '"
            + jobId + "'; list jobs with GET /v1/training-jobs on the trainer launcher"));
    return publishJob(job, modelName, requestId);
  }

  /** True once {@code jobId} is published under some model. */
  boolean published(String jobId) {
    return publishedJobs.containsKey(jobId);
  }

  /** Publishes {@code job} as the next version of {@code modelName} of the job's tenant. */
  synchronized Map<String, Object> publishJob(JobState job, String modelName, String causationId) {
    if (job.state() != TrainingJobEventKind.SUCCEEDED || job.outcome() == null) {
      throw new ApiError(409, "JOB_NOT_SUCCEEDED", "Training job '" + job.jobId() + "' is " + job.state()
          + "; only a SUCCEEDED job can be published");
    }
    if (job.request() == null) {
      throw new ApiError(409, "JOB_NOT_SUCCEEDED", "Training job '" + job.jobId() + "' has no REQUESTED event on "
          + "the training-jobs topic, so its dataset version is unknown; it cannot be published");
    }
    String already = publishedJobs.get(job.jobId());
    if (already != null) {
      throw new ApiError(409, "JOB_ALREADY_PUBLISHED", "Training job '" + job.jobId() + "' is already published as "
          + already + "; a job is published once");
    }
    BlobStore store = blobs.orElseThrow(() -> new ApiError(503, "BLOB_STORE_NOT_CONFIGURED", "The registry has "
        + "no blob store to read artifacts from: start it with " + ModelSettings.BLOB_STORE + " set to the blob "
        + "directory or s3:// URI the trainers write to"));
    var outcome = job.outcome();
    ModelManifest manifest = new ArtifactReader(store).manifest(outcome.getArtifactSha256(),
        outcome.getArtifactUri());
    var metrics = new TreeMap<String, Double>(outcome.getMetrics());
    metrics.putAll(manifest.metrics());
    String key = ModelState.key(job.tenantId(), modelName);
    int version = models.get(key).map(ModelState::latestVersion).orElse(0) + 1;
    var published = ModelPublished.newBuilder().setJobId(job.jobId())
        .setDatasetId(job.request().getDatasetId()).setDatasetVersion(job.request().getDatasetVersion())
        .setArtifactUri(outcome.getArtifactUri()).setArtifactSha256(outcome.getArtifactSha256())
        .setFramework(manifest.framework()).setClasses(manifest.classes()).setMetrics(metrics)
        .setReferenceProfile(manifest.referenceProfile()).build();
    writer.append(key, event(job.tenantId(), modelName, version, causationId)
        .setKind(ModelEventKind.VERSION_PUBLISHED).setPublished(published).build());
    log.info("Model version published tenant={} model={} version={} jobId={} dataset={}/{}", job.tenantId(),
        modelName, version, job.jobId(), published.getDatasetId(), published.getDatasetVersion());
    ModelState model = models.get(key).orElseThrow();
    return ModelJson.version(model, model.versions().get(version));
  }

  /**
   * Moves a version to {@code {"stage","reason","archiveExisting"?}}; a promotion to PRODUCTION archives the other
   * production versions unless {@code archiveExisting} is false.
   */
  public synchronized Map<String, Object> changeStage(Caller caller, String namedTenant, String modelName, int version,
      JsonNode body, String requestId) {
    ModelStage target = StagePlan.stage(Json.text(body, "stage", "INVALID_STAGE"));
    String reason = Json.text(body, "reason", "REASON_REQUIRED");
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw ApiError.invalid("REASON_REQUIRED", "reason is required (1 to 1000 characters): say why the stage "
          + "changes");
    }
    JsonNode archive = body.path("archiveExisting");
    if (!archive.isMissingNode() && !archive.isNull() && !archive.isBoolean()) {
      throw ApiError.invalid("INVALID_ARCHIVE_EXISTING", "archiveExisting must be true or false");
    }
    boolean archiveExisting = !archive.isBoolean() || archive.asBoolean();
    ModelState model = require(caller, namedTenant, modelName);
    requireVersion(model, version);
    var stages = model.versions().values().stream()
        .collect(Collectors.toMap(ModelVersion::version, ModelVersion::stage));
    String actor = TenantScope.actor(caller);
    String key = ModelState.key(model.tenantId(), modelName);
    var archived = new java.util.ArrayList<Integer>();
    for (var change : StagePlan.plan(stages, version, target, archiveExisting)) {
      String why = change.version() == version ? reason
          : "superseded by version " + version + " in PRODUCTION: " + reason;
      writer.append(key, event(model.tenantId(), modelName, change.version(), requestId)
          .setKind(ModelEventKind.STAGE_CHANGED)
          .setStageChange(new StageChange(change.from(), change.to(), why, actor)).build());
      if (change.version() != version) {
        archived.add(change.version());
      }
      log.info("Model stage changed tenant={} model={} version={} from={} to={} by={} requestId={}",
          model.tenantId(), modelName, change.version(), change.from(), change.to(), actor, requestId);
    }
    ModelState now = models.get(key).orElseThrow();
    var json = new LinkedHashMap<>(ModelJson.version(now, now.versions().get(version)));
    json.put("archivedVersions", archived);
    return json;
  }

  /** The models the caller sees (the operator: of {@code tenantFilter}, or all). */
  public List<Map<String, Object>> list(Caller caller, String tenantFilter) {
    Optional<String> tenant = TenantScope.filter(caller, tenantFilter);
    return models.values().stream().filter(m -> tenant.map(m.tenantId()::equals).orElse(true))
        .sorted(Comparator.comparing(ModelState::tenantId).thenComparing(ModelState::modelName))
        .map(ModelJson::summary).toList();
  }

  public Map<String, Object> get(Caller caller, String tenantId, String modelName) {
    return ModelJson.model(require(caller, tenantId, modelName));
  }

  public Map<String, Object> version(Caller caller, String tenantId, String modelName, int version) {
    ModelState model = require(caller, tenantId, modelName);
    return ModelJson.version(model, requireVersion(model, version));
  }

  /** Versions side by side: each version, and each metric across them. */
  public Map<String, Object> compare(Caller caller, String tenantId, String modelName, List<Integer> versions) {
    ModelState model = require(caller, tenantId, modelName);
    var metrics = new TreeMap<String, Map<String, Double>>();
    var listed = new java.util.ArrayList<Map<String, Object>>();
    for (int v : versions) {
      ModelVersion version = requireVersion(model, v);
      listed.add(ModelJson.version(model, version));
      version.published().getMetrics().forEach((name, value) ->
          metrics.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(Integer.toString(v), value));
    }
    var datasets = new LinkedHashMap<String, String>();
    var classes = new LinkedHashMap<String, List<String>>();
    for (int v : versions) {
      var published = model.versions().get(v).published();
      datasets.put(Integer.toString(v), published.getDatasetId() + "/" + published.getDatasetVersion());
      classes.put(Integer.toString(v), published.getClasses());
    }
    var json = new LinkedHashMap<String, Object>();
    json.put("tenantId", model.tenantId());
    json.put("modelName", modelName);
    json.put("metrics", metrics);
    json.put("datasets", datasets);
    json.put("classes", classes);
    json.put("sameClasses", classes.values().stream().distinct().count() == 1);
    json.put("versions", listed);
    return json;
  }

  /**
   * The training jobs the caller sees (the operator: of {@code tenantFilter}, or all), read-only, with their
   * per-epoch progress; for the operator console.
   */
  public List<Map<String, Object>> jobs(Caller caller, String tenantFilter) {
    Optional<String> tenant = TenantScope.filter(caller, tenantFilter);
    return jobs.values().stream().filter(j -> tenant.map(j.tenantId()::equals).orElse(true))
        .sorted(Comparator.comparing(JobState::tenantId).thenComparing(JobState::jobId))
        .map(j -> ModelJson.job(j, publishedJobs.get(j.jobId()))).toList();
  }

  /** Opens the artifact of a version for download. */
  public Artifact artifact(Caller caller, String tenantId, String modelName, int version) {
    ModelState model = require(caller, tenantId, modelName);
    var published = requireVersion(model, version).published();
    BlobStore store = blobs.orElseThrow(() -> new ApiError(503, "BLOB_STORE_NOT_CONFIGURED", "The registry has no "
        + "blob store to serve artifacts from: start it with " + ModelSettings.BLOB_STORE + " set"));
    String sha = published.getArtifactSha256();
    try {
      long size = store.find(sha).map(ref -> ref.sizeBytes()).orElse(-1L);
      return new Artifact(store.open(sha), sha, size, modelName + "-v" + version + ".zip");
    } catch (BlobNotFoundException e) {
      throw new ApiError(410, "ARTIFACT_GONE", "The artifact " + published.getArtifactUri() + " of " + modelName
          + " version " + version + " is no longer in the blob store");
    } catch (IOException e) {
      throw new ApiError(503, "BLOB_STORE_UNAVAILABLE", "Cannot read the artifact " + published.getArtifactUri()
          + ": " + e.getMessage() + "; check the blob store and retry");
    }
  }

  private ModelState require(Caller caller, String named, String modelName) {
    String tenantId = TenantScope.required(caller, named);
    return models.get(ModelState.key(tenantId, modelName))
        .orElseThrow(() -> ApiError.notFound("MODEL_NOT_FOUND", "Tenant '" + tenantId + "' has no model '"
            + modelName + "'; list models with GET /v1/models"));
  }

  private static ModelVersion requireVersion(ModelState model, int version) {
    ModelVersion found = model.versions().get(version);
    if (found == null) {
      throw ApiError.notFound("VERSION_NOT_FOUND", "Model '" + model.modelName() + "' has no version " + version
          + "; its versions are " + model.versions().keySet());
    }
    return found;
  }

  private ModelEvent.Builder event(String tenantId, String modelName, int version, String causationId) {
    return ModelEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenantId)
        .setOccurredAt(clock.instant()).setProducer(PRODUCER).setCausationId(causationId).setModelName(modelName)
        .setVersion(version);
  }
}
