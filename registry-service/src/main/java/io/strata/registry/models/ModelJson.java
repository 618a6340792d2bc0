package io.strata.registry.models;

import io.strata.events.ModelPublished;
import io.strata.events.ModelStage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of the model registry API. */
final class ModelJson {

  private ModelJson() {}

  static Map<String, Object> summary(ModelState model) {
    var json = new LinkedHashMap<String, Object>();
    json.put("tenantId", model.tenantId());
    json.put("modelName", model.modelName());
    json.put("latestVersion", model.latestVersion());
    json.put("productionVersions", inStage(model, ModelStage.PRODUCTION));
    json.put("stagingVersions", inStage(model, ModelStage.STAGING));
    json.put("versionCount", model.versions().size());
    return json;
  }

  static Map<String, Object> model(ModelState model) {
    var json = summary(model);
    json.put("versions", model.versions().values().stream().map(v -> version(model, v)).toList());
    return json;
  }

  static Map<String, Object> version(ModelState model, ModelVersion version) {
    ModelPublished published = version.published();
    var json = new LinkedHashMap<String, Object>();
    json.put("tenantId", model.tenantId());
    json.put("modelName", model.modelName());
    json.put("version", version.version());
    json.put("stage", version.stage().name());
    json.put("jobId", published.getJobId());
    json.put("datasetId", published.getDatasetId());
    json.put("datasetVersion", published.getDatasetVersion());
    json.put("artifactUri", published.getArtifactUri());
    json.put("artifactSha256", published.getArtifactSha256());
    json.put("framework", published.getFramework());
    json.put("classes", published.getClasses());
    json.put("metrics", new TreeMap<>(published.getMetrics()));
    var profile = new LinkedHashMap<String, Object>();
    profile.put("features", published.getReferenceProfile().getFeatures().stream().map(f -> Map.of("name",
        f.getName(), "binEdges", f.getBinEdges(), "binFractions", f.getBinFractions())).toList());
    profile.put("classDistribution", new TreeMap<>(published.getReferenceProfile().getClassDistribution()));
    json.put("referenceProfile", profile);
    json.put("publishedAt", version.publishedAt().toString());
    json.put("stageHistory", version.history().stream().map(h -> {
      var change = new LinkedHashMap<String, Object>();
      change.put("from", h.from().name());
      change.put("to", h.to().name());
      change.put("reason", h.reason());
      change.put("changedBy", h.changedBy());
      change.put("at", h.at().toString());
      return change;
    }).toList());
    return json;
  }

  /** A training job as the console shows it: what was asked, where it stands, its progress per epoch. */
  static Map<String, Object> job(JobState job, String publishedAs) {
    var json = new LinkedHashMap<String, Object>();
    json.put("jobId", job.jobId());
    json.put("tenantId", job.tenantId());
    json.put("state", job.state().name());
    var request = job.request();
    json.put("datasetId", request == null ? null : request.getDatasetId());
    json.put("datasetVersion", request == null ? null : request.getDatasetVersion());
    json.put("trainer", request == null ? null : request.getTrainer());
    json.put("modelName", request == null ? null : request.getModelName());
    json.put("gpus", request == null ? null : request.getGpus());
    var placement = job.placement();
    json.put("launcher", placement == null ? null : placement.getLauncher());
    json.put("nodes", placement == null ? List.of() : placement.getNodes().stream().map(n -> {
      var node = new LinkedHashMap<String, Object>();
      node.put("node", n.getNode());
      node.put("gpuIndices", List.copyOf(n.getGpuIndices()));
      return (Map<String, Object>) node;
    }).toList());
    json.put("metrics", job.outcome() == null ? Map.of() : new TreeMap<>(job.outcome().getMetrics()));
    json.put("publishedAs", publishedAs);
    json.put("progress", job.progress().stream().map(p -> {
      var epoch = new LinkedHashMap<String, Object>();
      epoch.put("epoch", p.getEpoch());
      epoch.put("loss", p.getLoss());
      epoch.put("metrics", new TreeMap<>(p.getMetrics()));
      return (Map<String, Object>) epoch;
    }).toList());
    return json;
  }

  private static List<Integer> inStage(ModelState model, ModelStage stage) {
    return model.versions().values().stream().filter(v -> v.stage() == stage).map(ModelVersion::version).toList();
  }
}
