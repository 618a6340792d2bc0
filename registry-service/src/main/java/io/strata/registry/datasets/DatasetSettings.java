package io.strata.registry.datasets;

import io.micronaut.core.value.PropertyResolver;
import io.strata.schemas.topics.Topics;

/**
 * Settings of the datasets API, validated at startup.
 *
 * @param datasetsTopic {@value #DATASETS_TOPIC}, default the catalog's {@code datasets}
 * @param itemsTopic {@value #ITEMS_TOPIC}, default the catalog's {@code dataset-version-items}
 * @param diffMaxItems {@value #DIFF_MAX_ITEMS}: the largest older version a diff holds in memory (default 1,000,000)
 */
record DatasetSettings(String datasetsTopic, String itemsTopic, long diffMaxItems) {

  static final String DATASETS_TOPIC = "strata.datasets.topic";
  static final String ITEMS_TOPIC = "strata.datasets.items-topic";
  static final String DIFF_MAX_ITEMS = "strata.datasets.diff-max-items";

  DatasetSettings {
    if (diffMaxItems < 1) {
      throw new IllegalArgumentException("Invalid " + DIFF_MAX_ITEMS + " '" + diffMaxItems + "': expected 1 or more");
    }
  }

  static DatasetSettings from(PropertyResolver properties) {
    String max = properties.get(DIFF_MAX_ITEMS, String.class).orElse("1000000");
    long diffMax;
    try {
      diffMax = Long.parseLong(max.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + DIFF_MAX_ITEMS + " '" + max + "': expected a number of items");
    }
    return new DatasetSettings(properties.get(DATASETS_TOPIC, String.class).orElse(Topics.DATASETS.name()),
        properties.get(ITEMS_TOPIC, String.class).orElse(Topics.DATASET_VERSION_ITEMS.name()), diffMax);
  }
}
