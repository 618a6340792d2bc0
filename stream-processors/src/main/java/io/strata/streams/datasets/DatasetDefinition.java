package io.strata.streams.datasets;

import io.strata.events.DatasetRule;
import java.util.List;

/**
 * A dataset's rule as the versioner applies it.
 *
 * @param datasetId the dataset (also the split seed)
 * @param tenantId only this tenant's samples
 * @param name display name
 * @param tags samples with any of these tags; empty = all
 * @param classes samples whose label has one of these classes; empty = all
 * @param requireQualityPassed only samples whose quality review passed
 * @param validationPercent share of the validation split
 * @param testPercent share of the test split
 */
public record DatasetDefinition(String datasetId, String tenantId, String name, List<String> tags,
    List<String> classes, boolean requireQualityPassed, int validationPercent, int testPercent) {

  public DatasetDefinition {
    tags = List.copyOf(tags);
    classes = List.copyOf(classes);
  }

  /** The definition carried by a CREATED or RULE_CHANGED event. */
  public static DatasetDefinition of(String datasetId, String tenantId, DatasetRule rule) {
    return new DatasetDefinition(datasetId, tenantId, rule.getName(),
        rule.getTags().stream().map(Object::toString).toList(),
        rule.getClasses().stream().map(Object::toString).toList(),
        rule.getRequireQualityPassed(), rule.getValidationPercent(), rule.getTestPercent());
  }
}
