package io.strata.trainer.builtin.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training data's distribution a model carries for drift detection: one histogram per image feature and the
 * share of each class.
 *
 * @param features histograms in the order of {@link ImageFeatures#NAMES}
 * @param classDistribution share of each class, in class order, summing to 1
 */
public record ReferenceProfile(List<FeatureHistogram> features, Map<String, Double> classDistribution) {

  public ReferenceProfile {
    features = List.copyOf(features);
    classDistribution = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classDistribution));
  }

  /**
   * The JSON tree of {@code model.json}'s {@code referenceProfile}:
   * {@code {"features":[{"name","binEdges","binFractions"}],"classDistribution":{"cls":share}}}.
   */
  public Map<String, Object> toJson() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (FeatureHistogram h : features) {
      Map<String, Object> feature = new LinkedHashMap<>();
      feature.put("name", h.name());
      feature.put("binEdges", h.binEdges());
      feature.put("binFractions", h.binFractions());
      list.add(feature);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("features", list);
    json.put("classDistribution", classDistribution);
    return json;
  }
}
