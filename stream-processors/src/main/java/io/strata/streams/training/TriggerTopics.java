package io.strata.streams.training;

import io.strata.schemas.topics.Topics;

/**
 * The topics the trigger reads and appends to; the catalog's in production, unique ones in tests.
 *
 * @param labels label facts (read)
 * @param datasets dataset rules and version cuts (read)
 * @param driftReports drift reports (read)
 * @param versionRequests where {@code VERSION_REQUESTED} events go (the datasets topic in production)
 * @param trainingJobs where job requests go
 */
public record TriggerTopics(String labels, String datasets, String driftReports, String versionRequests,
    String trainingJobs) {

  /** The catalog's topics. */
  public static TriggerTopics catalog() {
    return new TriggerTopics(Topics.LABELS.name(), Topics.DATASETS.name(), Topics.DRIFT_REPORTS.name(),
        Topics.DATASETS.name(), Topics.TRAINING_JOBS.name());
  }
}
