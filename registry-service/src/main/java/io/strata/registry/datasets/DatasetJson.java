package io.strata.registry.datasets;

import io.strata.events.BoundingBox;
import io.strata.events.ClassSplitCount;
import io.strata.events.DatasetRule;
import io.strata.events.DatasetVersionItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of the datasets API. */
final class DatasetJson {

  private DatasetJson() {}

  static Map<String, Object> dataset(DatasetState dataset) {
    var json = summary(dataset);
    json.put("versions", dataset.versions().values().stream().map(v -> version(dataset.datasetId(), v)).toList());
    json.put("pendingRequests", List.copyOf(dataset.pendingRequests()));
    return json;
  }

  static Map<String, Object> summary(DatasetState dataset) {
    var json = new LinkedHashMap<String, Object>();
    json.put("datasetId", dataset.datasetId());
    json.put("tenantId", dataset.tenantId());
    DatasetRule rule = dataset.rule();
    json.put("name", rule.getName());
    json.put("tags", rule.getTags());
    json.put("classes", rule.getClasses());
    json.put("requireQualityPassed", rule.getRequireQualityPassed());
    json.put("validationPercent", rule.getValidationPercent());
    json.put("testPercent", rule.getTestPercent());
    var policy = rule.getTrainingPolicy();
    if (policy == null) {
      json.put("trainingPolicy", null);
    } else {
      var p = new LinkedHashMap<String, Object>();
      p.put("modelName", policy.getModelName());
      p.put("newLabels", policy.getNewLabels());
      p.put("driftSeverity", policy.getDriftSeverity() == null ? null : policy.getDriftSeverity().name());
      p.put("trainer", policy.getTrainer());
      p.put("gpus", policy.getGpus());
      p.put("hyperparameters", new TreeMap<>(policy.getHyperparameters()));
      json.put("trainingPolicy", p);
    }
    json.put("createdAt", dataset.createdAt().toString());
    json.put("updatedAt", dataset.updatedAt().toString());
    json.put("latestVersion", dataset.versions().isEmpty() ? null : dataset.versions().lastKey());
    return json;
  }

  static Map<String, Object> version(String datasetId, VersionInfo version) {
    var json = new LinkedHashMap<String, Object>();
    json.put("datasetId", datasetId);
    json.put("version", version.version());
    json.put("itemCount", version.itemCount());
    json.put("contentHash", version.contentHash());
    var byClass = new TreeMap<String, Long>();
    var bySplit = new TreeMap<String, Long>();
    for (ClassSplitCount count : version.counts()) {
      byClass.merge(count.getClassLabel(), count.getCount(), Long::sum);
      bySplit.merge(count.getSplit().name(), count.getCount(), Long::sum);
    }
    json.put("countsByClass", byClass);
    json.put("countsBySplit", bySplit);
    json.put("counts", version.counts().stream().map(c -> Map.of("classLabel", c.getClassLabel(), "split",
        c.getSplit().name(), "count", c.getCount())).toList());
    json.put("asOf", instant(version.asOf()));
    json.put("cutAt", instant(version.cutAt()));
    json.put("requestId", version.requestId());
    return json;
  }

  static Map<String, Object> item(DatasetVersionItem item) {
    var json = new LinkedHashMap<String, Object>();
    json.put("sampleId", item.getSampleId());
    json.put("blobUri", item.getBlobUri());
    json.put("split", item.getSplit().name());
    json.put("classLabel", item.getClassLabel());
    json.put("boxes", boxes(item.getBoxes()));
    json.put("labelIds", item.getLabelIds());
    return json;
  }

  static Map<String, Object> label(DatasetVersionItem item) {
    var json = new LinkedHashMap<String, Object>();
    json.put("classLabel", item.getClassLabel());
    json.put("boxes", boxes(item.getBoxes()));
    json.put("labelIds", item.getLabelIds());
    return json;
  }

  private static List<Map<String, Object>> boxes(List<BoundingBox> boxes) {
    return boxes.stream().map(b -> {
      var box = new LinkedHashMap<String, Object>();
      box.put("classLabel", b.getClassLabel());
      box.put("xMin", b.getXMin());
      box.put("yMin", b.getYMin());
      box.put("xMax", b.getXMax());
      box.put("yMax", b.getYMax());
      box.put("difficult", b.getDifficult());
      return (Map<String, Object>) box;
    }).toList();
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
