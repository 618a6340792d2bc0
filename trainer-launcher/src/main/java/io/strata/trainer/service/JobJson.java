package io.strata.trainer.service;

import io.strata.events.NodeGpus;
import io.strata.events.TrainingRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link JobRecord} as the API writes it. */
final class JobJson {

  private JobJson() {}

  static Map<String, Object> of(JobRecord job) {
    var json = new LinkedHashMap<String, Object>();
    json.put("jobId", job.jobId());
    json.put("tenantId", job.tenantId());
    json.put("state", job.state());
    json.put("cancelRequested", job.cancelRequested());
    json.put("request", job.request() == null ? null : request(job.request()));
    json.put("placement", job.placement() == null ? null : Map.of("launcher", job.placement().getLauncher(),
        "nodes", job.placement().getNodes().stream().map(JobJson::node).toList()));
    json.put("progress", job.progress() == null ? null : Map.of("epoch", job.progress().getEpoch(),
        "loss", job.progress().getLoss(), "metrics", new TreeMap<>(job.progress().getMetrics())));
    json.put("outcome", job.outcome() == null ? null : Map.of("artifactUri", job.outcome().getArtifactUri(),
        "artifactSha256", job.outcome().getArtifactSha256(), "metrics", new TreeMap<>(job.outcome().getMetrics())));
    json.put("reason", job.reason());
    json.put("logsUri", job.logsUri());
    json.put("requestedAt", job.requestedAt().toString());
    json.put("updatedAt", job.updatedAt().toString());
    return json;
  }

  private static Map<String, Object> request(TrainingRequest r) {
    var json = new LinkedHashMap<String, Object>();
    json.put("datasetId", r.getDatasetId());
    json.put("datasetVersion", r.getDatasetVersion());
    json.put("policy", r.getPolicy());
    json.put("trainer", r.getTrainer());
    json.put("modelName", r.getModelName());
    json.put("gpus", r.getGpus());
    json.put("gpuMemoryMb", r.getGpuMemoryMb());
    json.put("priority", r.getPriority());
    json.put("hyperparameters", new TreeMap<>(r.getHyperparameters()));
    return json;
  }

  private static Map<String, Object> node(NodeGpus n) {
    return Map.of("node", n.getNode(), "gpuIndices", List.copyOf(n.getGpuIndices()));
  }
}
