package io.strata.streams.datasets;

import io.strata.schemas.topics.Topics;

/**
 * The topics the versioner reads and appends to; the catalog's in production, unique ones in tests.
 *
 * @param samples sample facts (read)
 * @param labels label facts (read)
 * @param datasets dataset commands (read)
 * @param cuts where {@code VERSION_CUT} events go (the datasets topic in production)
 * @param items where version items go
 */
public record VersionerTopics(String samples, String labels, String datasets, String cuts, String items) {

  /** The catalog's topics. */
  public static VersionerTopics catalog() {
    return new VersionerTopics(Topics.SAMPLES.name(), Topics.LABELS.name(), Topics.DATASETS.name(),
        Topics.DATASETS.name(), Topics.DATASET_VERSION_ITEMS.name());
  }
}
