package io.strata.registry.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.events.FeatureProfile;
import io.strata.events.ReferenceProfile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code model.json} of a model artifact ({@code "format": "strata-model/1"}): what the registry records of a
 * version besides the job.
 *
 * @param framework e.g. {@code djl-pytorch-2.7.1}
 * @param classes the classes the model predicts, in output order
 * @param metrics evaluation metrics by name
 * @param referenceProfile the training data's feature histograms and class shares, for drift
 */
record ModelManifest(String framework, List<String> classes, Map<String, Double> metrics,
    ReferenceProfile referenceProfile) {

  static final String FORMAT = "strata-model/1";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Parses and checks a manifest. @throws IllegalArgumentException saying what is wrong */
  static ModelManifest parse(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("model.json is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("model.json must be a JSON object");
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException("model.json has format '" + root.path("format").asText() + "', expected '"
          + FORMAT + "'");
    }
    String framework = root.path("framework").asText("");
    if (framework.isBlank()) {
      throw new IllegalArgumentException("model.json names no framework");
    }
    var classes = new ArrayList<String>();
    if (!root.path("classes").isArray()) {
      throw new IllegalArgumentException("model.json has no classes array");
    }
    root.path("classes").forEach(c -> classes.add(c.asText()));
    var metrics = new LinkedHashMap<String, Double>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("metrics").fields(); it.hasNext(); ) {
      var metric = it.next();
      if (!metric.getValue().isNumber()) {
        throw new IllegalArgumentException("model.json metric '" + metric.getKey() + "' is not a number");
      }
      metrics.put(metric.getKey(), metric.getValue().asDouble());
    }
    return new ModelManifest(framework, List.copyOf(classes), metrics, profile(root.path("referenceProfile")));
  }

  private static ReferenceProfile profile(JsonNode node) {
    var features = new ArrayList<FeatureProfile>();
    for (JsonNode feature : node.path("features")) {
      var edges = numbers(feature.path("binEdges"));
      var fractions = numbers(feature.path("binFractions"));
      String name = feature.path("name").asText("");
      if (name.isBlank() || fractions.isEmpty() || edges.size() != fractions.size() + 1) {
        throw new IllegalArgumentException("model.json reference profile feature '" + name + "' must have a name, "
            + "n bin fractions and n+1 bin edges (got " + fractions.size() + " and " + edges.size() + ")");
      }
      features.add(new FeatureProfile(name, edges, fractions));
    }
    var distribution = new LinkedHashMap<String, Double>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("classDistribution").fields(); it.hasNext(); ) {
      var share = it.next();
      distribution.put(share.getKey(), share.getValue().asDouble());
    }
    return new ReferenceProfile(features, distribution);
  }

  private static List<Double> numbers(JsonNode array) {
    var list = new ArrayList<Double>();
    array.forEach(n -> list.add(n.asDouble()));
    return list;
  }
}
