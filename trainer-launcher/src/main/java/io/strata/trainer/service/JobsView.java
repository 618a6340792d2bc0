package io.strata.trainer.service;

import io.strata.auth.apps.CompactedTopicView;
import io.strata.events.TrainingJobEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;

/** Every job of {@code training-jobs} as the API shows it ({@link JobRecord}), read from the beginning. */
final class JobsView implements AutoCloseable {

  private final CompactedTopicView<TrainingJobEvent, JobRecord> view;

  JobsView(Map<String, Object> kafka, String topic, Deserializer<TrainingJobEvent> deserializer) {
    this.view = new CompactedTopicView<>("trainer-launcher-jobs", kafka, topic, deserializer,
        (jobId, event) -> JobRecord.next(view().get(jobId).orElse(null), event));
  }

  private CompactedTopicView<TrainingJobEvent, JobRecord> view() {
    return view;
  }

  void start(Duration timeout) {
    view.start();
    view.awaitCaughtUp(timeout);
  }

  Optional<JobRecord> get(String jobId) {
    return view.get(jobId);
  }

  Collection<JobRecord> all() {
    return view.values();
  }

  void awaitApplied(RecordMetadata written, Duration timeout) {
    view.awaitApplied(written, timeout);
  }

  @Override
  public void close() {
    view.close();
  }
}
