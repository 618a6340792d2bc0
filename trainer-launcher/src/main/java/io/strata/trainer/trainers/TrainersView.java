package io.strata.trainer.trainers;

import io.strata.auth.apps.CompactedTopicView;
import io.strata.events.TrainerEvent;
import io.strata.events.TrainerEventKind;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every tenant's custom trainers: the latest {@link TrainerEvent} per {@code tenantId/name} of the compacted
 * {@code trainers} topic, read from the beginning. A DELETED trainer stays in the view (so that a job naming it
 * fails saying it was deleted) until its name is registered again. Memory: one event per trainer, about 1 KB.
 */
public final class TrainersView implements AutoCloseable {

  private final CompactedTopicView<TrainerEvent, TrainerEvent> view;

  public TrainersView(Map<String, Object> kafka, String topic, Deserializer<TrainerEvent> deserializer) {
    this.view = new CompactedTopicView<>("trainer-launcher-trainers", kafka, topic, deserializer,
        (key, event) -> event);
  }

  /** Starts reading and returns once the view caught up with the topic's end. */
  public void start(Duration timeout) {
    view.start();
    view.awaitCaughtUp(timeout);
  }

  /** The trainer's latest event, DELETED included. */
  public Optional<TrainerEvent> latest(String tenantId, String name) {
    return view.get(TrainerRules.key(tenantId, name));
  }

  /** The trainer, unless absent or deleted. */
  public Optional<TrainerEvent> find(String tenantId, String name) {
    return latest(tenantId, name).filter(t -> t.getKind() != TrainerEventKind.DELETED);
  }

  /** The live trainers of {@code tenantId} (every tenant's when null), ordered by tenant and name. */
  public List<TrainerEvent> list(String tenantId) {
    return view.values().stream().filter(t -> t.getKind() != TrainerEventKind.DELETED)
        .filter(t -> tenantId == null || t.getTenantId().equals(tenantId))
        .sorted(Comparator.comparing(TrainerEvent::getTenantId).thenComparing(TrainerEvent::getName)).toList();
  }

  /** Blocks until the view applied the record written at {@code written}. */
  public void awaitApplied(RecordMetadata written, Duration timeout) {
    view.awaitApplied(written, timeout);
  }

  @Override
  public void close() {
    view.close();
  }
}
