package io.strata.registry.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.events.DatasetRule;
import io.strata.events.DriftSeverity;
import io.strata.events.TrainingPolicy;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.models.ModelName;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns request bodies into dataset rules, refusing anything the versioner could not apply: every problem is a
 * 422 {@code INVALID_RULE} (or {@code INVALID_DATASET_ID}, {@code SPLIT_IMMUTABLE}) naming the field.
 */
final class DatasetRules {

  static final Set<String> RULE_FIELDS = Set.of("name", "tags", "classes", "requireQualityPassed",
      "validationPercent", "testPercent", "trainingPolicy");
  private static final Set<String> CREATE_FIELDS = Set.of("datasetId", "tenantId", "name", "tags", "classes",
      "requireQualityPassed", "validationPercent", "testPercent", "trainingPolicy");
  private static final Set<String> POLICY_FIELDS = Set.of("newLabels", "driftSeverity", "modelName", "trainer",
      "gpus", "hyperparameters");
  private static final Pattern DATASET_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  private static final int MAX_LIST = 1000;

  private DatasetRules() {}

  /** The dataset id of a create request, or null when absent. @throws ApiError 422 INVALID_DATASET_ID */
  static String datasetId(JsonNode body) {
    JsonNode id = body.path("datasetId");
    if (id.isMissingNode() || id.isNull()) {
      return null;
    }
    if (!id.isTextual() || !DATASET_ID.matcher(id.asText()).matches()) {
      throw ApiError.invalid("INVALID_DATASET_ID", "Invalid datasetId " + id + ": use 1 to 100 lower-case letters, "
          + "digits, '.', '_' or '-', starting with a letter or digit (or leave it out to get a generated one)");
    }
    return id.asText();
  }

  /** The rule of a create request. */
  static DatasetRule created(JsonNode body) {
    unknownFields(body, CREATE_FIELDS, "a dataset");
    var rule = DatasetRule.newBuilder().setName(name(body.path("name")))
        .setTags(strings(body.path("tags"), "tags")).setClasses(strings(body.path("classes"), "classes"))
        .setRequireQualityPassed(bool(body.path("requireQualityPassed"), "requireQualityPassed", false))
        .setValidationPercent(percent(body.path("validationPercent"), "validationPercent", 10))
        .setTestPercent(percent(body.path("testPercent"), "testPercent", 10))
        .setTrainingPolicy(policy(body.path("trainingPolicy")))
        .build();
    splits(rule);
    return rule;
  }

  /**
   * The rule after a change request: fields present replace the current ones, absent ones are kept,
   * {@code "trainingPolicy": null} removes the policy. The split percentages are fixed at creation, so that a
   * sample never moves between splits across versions.
   */
  static DatasetRule changed(DatasetRule current, JsonNode body) {
    unknownFields(body, RULE_FIELDS, "a rule change");
    var rule = DatasetRule.newBuilder(current);
    if (body.has("name")) {
      rule.setName(name(body.path("name")));
    }
    if (body.has("tags")) {
      rule.setTags(strings(body.path("tags"), "tags"));
    }
    if (body.has("classes")) {
      rule.setClasses(strings(body.path("classes"), "classes"));
    }
    if (body.has("requireQualityPassed")) {
      rule.setRequireQualityPassed(bool(body.path("requireQualityPassed"), "requireQualityPassed", false));
    }
    for (String field : List.of("validationPercent", "testPercent")) {
      int fixed = field.equals("validationPercent") ? current.getValidationPercent() : current.getTestPercent();
      if (body.has(field) && percent(body.path(field), field, fixed) != fixed) {
        throw ApiError.invalid("SPLIT_IMMUTABLE", field + " is fixed when the dataset is created (it is "
            + fixed + "): a sample must keep its split in every version; create a new dataset for other splits");
      }
    }
    if (body.has("trainingPolicy")) {
      rule.setTrainingPolicy(policy(body.path("trainingPolicy")));
    }
    return rule.build();
  }

  static TrainingPolicy policy(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw invalid("trainingPolicy must be an object {\"modelName\", \"newLabels\"?, \"driftSeverity\"?, "
          + "\"trainer\"?, \"gpus\"?, \"hyperparameters\"?} or null");
    }
    unknownFields(node, POLICY_FIELDS, "trainingPolicy");
    var modelName = node.path("modelName");
    if (!modelName.isTextual()) {
      throw invalid("trainingPolicy.modelName is required: the model the triggered jobs train");
    }
    ModelName.validate(modelName.asText(), "INVALID_RULE");
    Integer newLabels = null;
    if (!node.path("newLabels").isMissingNode() && !node.path("newLabels").isNull()) {
      newLabels = integer(node.path("newLabels"), "trainingPolicy.newLabels", 1, 100_000_000);
    }
    DriftSeverity severity = null;
    JsonNode drift = node.path("driftSeverity");
    if (!drift.isMissingNode() && !drift.isNull()) {
      severity = switch (drift.asText()) {
        case "LOW" -> DriftSeverity.LOW;
        case "MODERATE" -> DriftSeverity.MODERATE;
        case "SEVERE" -> DriftSeverity.SEVERE;
        default -> throw invalid("trainingPolicy.driftSeverity must be LOW, MODERATE or SEVERE, got " + drift);
      };
    }
    String trainer = "builtin";
    if (!node.path("trainer").isMissingNode() && !node.path("trainer").isNull()) {
      if (!node.path("trainer").isTextual() || node.path("trainer").asText().isBlank()) {
        throw invalid("trainingPolicy.trainer must be a trainer name such as \"builtin\"");
      }
      trainer = node.path("trainer").asText();
    }
    int gpus = node.has("gpus") ? integer(node.path("gpus"), "trainingPolicy.gpus", 0, 1024) : 0;
    return TrainingPolicy.newBuilder().setModelName(modelName.asText()).setNewLabels(newLabels)
        .setDriftSeverity(severity).setTrainer(trainer).setGpus(gpus)
        .setHyperparameters(hyperparameters(node.path("hyperparameters"))).build();
  }

  private static Map<String, String> hyperparameters(JsonNode node) {
    var map = new LinkedHashMap<String, String>();
    if (node.isMissingNode() || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      throw invalid("trainingPolicy.hyperparameters must be an object of names to values, e.g. {\"epochs\":\"5\"}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      var entry = it.next();
      if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
        throw invalid("trainingPolicy.hyperparameters." + entry.getKey() + " must be a string, number or boolean");
      }
      map.put(entry.getKey(), entry.getValue().asText());
    }
    return map;
  }

  private static void splits(DatasetRule rule) {
    if (rule.getValidationPercent() + rule.getTestPercent() >= 100) {
      throw invalid("validationPercent + testPercent must be below 100 so that some samples are left for "
          + "training, got " + rule.getValidationPercent() + " + " + rule.getTestPercent());
    }
  }

  private static String name(JsonNode node) {
    if (!node.isTextual() || node.asText().isBlank() || node.asText().strip().length() > 200) {
      throw invalid("name is required: 1 to 200 characters");
    }
    return node.asText().strip();
  }

  private static List<String> strings(JsonNode node, String field) {
    var list = new ArrayList<String>();
    if (node.isMissingNode() || node.isNull()) {
      return list;
    }
    if (!node.isArray() || node.size() > MAX_LIST) {
      throw invalid(field + " must be an array of at most " + MAX_LIST + " strings");
    }
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > 200) {
        throw invalid(field + " must hold non-empty strings of at most 200 characters, got " + item);
      }
      if (!list.contains(item.asText())) {
        list.add(item.asText());
      }
    }
    return list;
  }

  private static boolean bool(JsonNode node, String field, boolean fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw invalid(field + " must be true or false");
    }
    return node.asBoolean();
  }

  private static int percent(JsonNode node, String field, int fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    return integer(node, field, 0, 99);
  }

  private static int integer(JsonNode node, String field, int min, int max) {
    if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
      throw invalid(field + " must be an integer from " + min + " to " + max + ", got " + node);
    }
    return node.asInt();
  }

  private static void unknownFields(JsonNode body, Set<String> known, String what) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw invalid("Unknown field '" + field + "' in " + what + "; the fields are " + known.stream().sorted().toList());
      }
    }
  }

  private static ApiError invalid(String message) {
    return ApiError.invalid("INVALID_RULE", Objects.requireNonNull(message));
  }
}
