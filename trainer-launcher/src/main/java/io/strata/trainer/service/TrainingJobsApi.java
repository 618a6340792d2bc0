package io.strata.trainer.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.events.TrainingRequest;
import io.strata.trainer.jobs.JobEvents;
import io.strata.trainer.trainers.TrainersView;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The training-jobs API without HTTP: manual requests, listing, reading, cancelling and log tails, scoped to the
 * caller's tenant (an app) or any tenant (the operator). Every write appends an event and returns once the jobs
 * view applied it (read-your-writes).
 */
final class TrainingJobsApi {

  /** How long a request for a dataset version this service has not seen yet waits for it. */
  static final Duration VERSION_GRACE = Duration.ofSeconds(3);

  /** The policy of jobs requested through this API. */
  static final String MANUAL = "manual";
  private static final Set<String> FIELDS = Set.of("tenantId", "datasetId", "datasetVersion", "modelName", "trainer",
      "gpus", "gpuMemoryMb", "priority", "hyperparameters");
  private static final int MAX_LOG_LINES = 10_000;

  private final JobsView jobs;
  private final DatasetVersions datasets;
  private final TrainersView trainers;
  private final EventAppender appender;
  private final JobEvents events;
  private final Path logsDir;
  private final Duration timeout;
  private final Object writes = new Object();

  TrainingJobsApi(JobsView jobs, DatasetVersions datasets, TrainersView trainers, EventAppender appender,
      JobEvents events, Path logsDir, Duration timeout) {
    this.jobs = jobs;
    this.datasets = datasets;
    this.trainers = trainers;
    this.appender = appender;
    this.events = events;
    this.logsDir = logsDir.toAbsolutePath().normalize();
    this.timeout = timeout;
  }

  /** {@code POST /v1/training-jobs}: the new job (state QUEUED). */
  Map<String, Object> submit(Caller caller, JsonNode body, String requestId) {
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "INVALID_JSON", "The body must be a JSON object such as {\"datasetId\":\"...\","
          + "\"datasetVersion\":1}");
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw invalid(name, "is not a field of a training job request; the fields are " + FIELDS);
      }
    });
    String tenantId = tenantOf(caller, body);
    String datasetId = text(body, "datasetId", true);
    int version = integer(body, "datasetVersion", null, 1);
    var hyperparameters = new HashMap<String, String>();
    JsonNode hyper = body.get("hyperparameters");
    if (hyper != null && !hyper.isNull()) {
      if (!hyper.isObject()) {
        throw invalid("hyperparameters", "must be an object of names to values, e.g. {\"epochs\":\"5\"}");
      }
      hyper.fields().forEachRemaining(e -> {
        if (!e.getValue().isValueNode() || e.getValue().isNull()) {
          throw invalid("hyperparameters." + e.getKey(), "must be a string, number or boolean");
        }
        hyperparameters.put(e.getKey(), e.getValue().asText());
      });
    }
    var request = TrainingRequest.newBuilder().setDatasetId(datasetId).setDatasetVersion(version).setPolicy(MANUAL)
        .setTrainer(Optional.ofNullable(text(body, "trainer", false)).orElse(TrainerCommand.BUILTIN))
        .setModelName(text(body, "modelName", false))
        .setGpus(integer(body, "gpus", 0, 0)).setGpuMemoryMb(integer(body, "gpuMemoryMb", 0, 0))
        .setPriority(integer(body, "priority", 0, Integer.MIN_VALUE)).setHyperparameters(hyperparameters).build();
    String trainer = TrainerCommand.trainerOf(request);
    if (!trainer.equals(TrainerCommand.BUILTIN) && trainers.find(tenantId, trainer).isEmpty()) {
      throw new ApiException(422, "UNKNOWN_TRAINER", "Trainer '" + trainer + "' is not registered in tenant '"
          + tenantId + "'; list the trainers with GET /v1/trainers, register one with POST /v1/trainers, or use "
          + "'builtin'");
    }
    if (!awaitVersion(tenantId, datasetId, version)) {
      throw new ApiException(404, "DATASET_VERSION_NOT_FOUND", "Dataset '" + datasetId + "' has no version " + version
          + " in tenant '" + tenantId + "'; list the dataset's versions (GET /v1/datasets/" + datasetId
          + "/versions on the registry) or cut one first");
    }
    synchronized (writes) {
      unfinishedDuplicate(jobs.all(), tenantId, datasetId, version, MANUAL).ifPresent(existing -> {
        throw new ApiException(409, "DUPLICATE_JOB", "Job '" + existing.jobId() + "' for dataset '" + datasetId
            + "' version " + version + " (policy manual) is " + existing.state() + "; wait for it to finish or "
            + "cancel it (POST /v1/training-jobs/" + existing.jobId() + "/cancel) before requesting another");
      });
      String jobId = "job-" + UUID.randomUUID();
      append(events.requested(jobId, tenantId, request, requestId));
      return JobJson.of(jobs.get(jobId).orElseThrow());
    }
  }

  /** The unfinished job of the same tenant, dataset version and policy, if there is one. */
  static Optional<JobRecord> unfinishedDuplicate(Collection<JobRecord> all, String tenantId, String datasetId,
      int version, String policy) {
    return all.stream().filter(j -> !j.finished() && j.request() != null && j.tenantId().equals(tenantId)
        && j.request().getDatasetId().equals(datasetId) && j.request().getDatasetVersion() == version
        && j.request().getPolicy().equals(policy)).min(Comparator.comparing(JobRecord::jobId));
  }

  /** {@code GET /v1/training-jobs}: the caller's jobs, newest first, optionally filtered. */
  List<Map<String, Object>> list(Caller caller, Optional<String> tenantId, Optional<String> datasetId,
      Optional<String> state) {
    var result = new ArrayList<JobRecord>();
    for (JobRecord job : jobs.all()) {
      if (caller.sees(job.tenantId()) && tenantId.map(job.tenantId()::equals).orElse(true)
          && datasetId.map(d -> job.request() != null && d.equals(job.request().getDatasetId())).orElse(true)
          && state.map(job.state()::equals).orElse(true)) {
        result.add(job);
      }
    }
    result.sort(Comparator.comparing(JobRecord::requestedAt).reversed().thenComparing(JobRecord::jobId));
    return result.stream().map(JobJson::of).toList();
  }

  /** {@code GET /v1/training-jobs/{jobId}}. */
  Map<String, Object> get(Caller caller, String jobId) {
    return JobJson.of(visible(caller, jobId));
  }

  /** {@code POST /v1/training-jobs/{jobId}/cancel}: appends CANCEL_REQUESTED; the service then stops the job. */
  Map<String, Object> cancel(Caller caller, String jobId, JsonNode body, String requestId) {
    JobRecord job = visible(caller, jobId);
    String reason = body != null && body.hasNonNull("reason") ? body.get("reason").asText() : null;
    if (job.finished()) {
      throw new ApiException(409, "JOB_FINISHED", "Job '" + jobId + "' already " + job.state().toLowerCase()
          + "; only a queued or running job can be cancelled");
    }
    synchronized (writes) {
      append(events.cancelRequested(jobId, job.tenantId(), reason, requestId));
    }
    return JobJson.of(jobs.get(jobId).orElseThrow());
  }

  /** {@code GET /v1/training-jobs/{jobId}/logs}: the last {@code lines} lines of a local job's log. */
  String logs(Caller caller, String jobId, int lines) {
    JobRecord job = visible(caller, jobId);
    if (lines < 1 || lines > MAX_LOG_LINES) {
      throw new ApiException(422, "INVALID_FIELD", "lines must be 1.." + MAX_LOG_LINES + ", got " + lines);
    }
    Path file = logsDir.resolve(jobId + ".log").normalize();
    if (!file.startsWith(logsDir) || !Files.isRegularFile(file)) {
      String where = job.logsUri() == null ? "it has not started yet" : "its logs are at " + job.logsUri();
      throw new ApiException(404, "LOGS_NOT_FOUND", "Job '" + jobId + "' has no log on this trainer launcher: "
          + where);
    }
    return tail(file, lines);
  }

  private static String tail(Path file, int lines) {
    try (var raf = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, raf.length() - 1_048_576);
      byte[] bytes = new byte[(int) (raf.length() - start)];
      raf.seek(start);
      raf.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      int from = Math.max(start > 0 ? 1 : 0, all.length - lines);
      var out = new StringBuilder();
      for (int i = from; i < all.length; i++) {
        out.append(all[i]).append('\n');
      }
      return out.toString();
    } catch (IOException e) {
      throw new ApiException(500, "LOGS_UNREADABLE", "Cannot read the log " + file + ": " + e.getMessage());
    }
  }

  private JobRecord visible(Caller caller, String jobId) {
    return jobs.get(jobId).filter(j -> caller.sees(j.tenantId())).orElseThrow(() -> new ApiException(404,
        "JOB_NOT_FOUND", "No training job '" + jobId + "' in your tenant; list them with GET /v1/training-jobs"));
  }

  private void append(io.strata.events.TrainingJobEvent event) {
    try {
      jobs.awaitApplied(appender.append(event), timeout);
    } catch (EventAppender.UnavailableException | io.strata.auth.apps.ViewTimeoutException e) {
      throw new ApiException(503, "KAFKA_UNAVAILABLE", e.getMessage());
    }
  }

  private static String tenantOf(Caller caller, JsonNode body) {
    String named = text(body, "tenantId", false);
    if (caller instanceof Caller.App app) {
      if (named != null && !named.equals(app.tenantId())) {
        throw invalid("tenantId", "is for the operator only; an app acts on its own tenant, leave it out");
      }
      return app.tenantId();
    }
    if (named == null) {
      throw invalid("tenantId", "is required for the operator: name the tenant the job belongs to");
    }
    return named;
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw invalid(field, "is required");
      }
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw invalid(field, "must be a non-empty string");
    }
    return node.asText().strip();
  }

  private static int integer(JsonNode body, String field, Integer fallback, int min) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (fallback == null) {
        throw invalid(field, "is required");
      }
      return fallback;
    }
    if (!node.isInt() || node.asInt() < min) {
      throw invalid(field, "must be a whole number" + (min == Integer.MIN_VALUE ? "" : " >= " + min));
    }
    return node.asInt();
  }

  private static ApiException invalid(String field, String what) {
    return new ApiException(422, "INVALID_FIELD", "Field '" + field + "' " + what);
  }

  /**
   * True once this service's view of {@code datasets} knows the version. A version the registry just answered may
   * reach this view a few milliseconds later (two independent readers of the topic), so an unknown one is awaited
   * for {@link #VERSION_GRACE} before it is refused.
   */
  private boolean awaitVersion(String tenantId, String datasetId, int version) {
    long deadline = System.nanoTime() + VERSION_GRACE.toNanos();
    while (datasets.itemCount(tenantId, datasetId, version).isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
