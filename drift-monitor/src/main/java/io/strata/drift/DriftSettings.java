package io.strata.drift;

import io.strata.drift.stats.SeverityBands;
import io.strata.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the drift job reads, writes and how it windows.
 *
 * @param bootstrapServers Kafka
 * @param schemaRegistryUrl the schema registry (an {@code http://} URL, or {@code mock://scope} in tests)
 * @param topics the topics read and written
 * @param window the tumbling window's size
 * @param outOfOrderness how late a prediction may arrive and still count in its window
 * @param checkpointInterval how often state and Kafka offsets are checkpointed (and reports committed)
 * @param checkpointDirectory where checkpoints are kept; a restart resumes from the newest one
 * @param groupId the consumer group (offsets are the checkpoint's; the group is for monitoring)
 * @param bands the severity thresholds
 */
public record DriftSettings(String bootstrapServers, String schemaRegistryUrl, DriftTopics topics, Duration window,
    Duration outOfOrderness, Duration checkpointInterval, Path checkpointDirectory, String groupId,
    SeverityBands bands) {

  /**
   * @param predictions read
   * @param models read for reference profiles
   * @param driftReports written, at least once (a stable eventId per key and window)
   * @param deadLetters written: poison records, late predictions, windows without a profile
   */
  public record DriftTopics(String predictions, String models, String driftReports, String deadLetters) {

    /** The catalog's topics. */
    public static DriftTopics catalog() {
      return new DriftTopics(Topics.PREDICTIONS.name(), Topics.MODELS.name(), Topics.DRIFT_REPORTS.name(),
          Topics.DEAD_LETTERS.name());
    }
  }

  public DriftSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(checkpointDirectory, "checkpointDirectory");
    if (window.isNegative() || window.toMillis() < 1000) {
      throw new IllegalArgumentException("--window must be at least 1 s, got " + window);
    }
    if (checkpointInterval.toMillis() < 100) {
      throw new IllegalArgumentException("--checkpoint-interval must be at least 100 ms, got " + checkpointInterval);
    }
  }
}
