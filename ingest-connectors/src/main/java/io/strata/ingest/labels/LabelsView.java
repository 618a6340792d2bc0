package io.strata.ingest.labels;

import io.strata.auth.apps.CompactedTopicView;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every tenant's labels, as the {@code labels} topic says: a fold per sample (key = sample id; inside, one
 * {@link SampleLabels} per tenant, since tenants share sample ids when they upload the same bytes) and an index
 * from label id to sample id. Read from the beginning by one thread ({@link CompactedTopicView}, which also works
 * for this retained topic); writers wait with {@link #awaitApplied} to read their own writes.
 *
 * <p>Memory: per label about the size of its event (plus one index entry); per sample at most
 * {@value SampleLabels#MAX_HISTORY} history events per tenant.
 */
public final class LabelsView implements AutoCloseable {

  private final CompactedTopicView<LabelEvent, Map<String, SampleLabels>> view;
  private final ConcurrentHashMap<String, String> sampleOfLabel = new ConcurrentHashMap<>();

  /**
   * @param kafka client properties
   * @param topic the labels topic
   * @param deserializer decodes {@link LabelEvent}s (closed with the view)
   */
  public LabelsView(Map<String, Object> kafka, String topic, Deserializer<LabelEvent> deserializer) {
    var holder = new Object() {
      CompactedTopicView<LabelEvent, Map<String, SampleLabels>> view;
    };
    holder.view = new CompactedTopicView<>("ingest-gateway-labels-view", kafka, Objects.requireNonNull(topic, "topic"),
        deserializer, (sampleId, event) -> fold(holder.view.get(sampleId).orElse(Map.of()), sampleId, event));
    this.view = holder.view;
  }

  private Map<String, SampleLabels> fold(Map<String, SampleLabels> previous, String sampleId, LabelEvent event) {
    if (event.getKind() == LabelEventKind.MADE) {
      sampleOfLabel.put(event.getLabelId(), sampleId);
    }
    var next = new HashMap<>(previous);
    next.put(event.getTenantId(), previous.getOrDefault(event.getTenantId(), SampleLabels.EMPTY).apply(event));
    return Map.copyOf(next);
  }

  public void start() {
    view.start();
  }

  public void awaitCaughtUp(Duration timeout) {
    view.awaitCaughtUp(timeout);
  }

  public boolean caughtUp() {
    return view.caughtUp();
  }

  /** Returns once the view has applied {@code written}. */
  public void awaitApplied(RecordMetadata written, Duration timeout) {
    view.awaitApplied(written, timeout);
  }

  /** The tenant's labels of the sample (empty labels when it has none). */
  public SampleLabels of(String tenantId, String sampleId) {
    return view.get(sampleId).map(m -> m.get(tenantId)).orElse(SampleLabels.EMPTY);
  }

  /** The sample a label of this tenant was made on, if the tenant has such a label. */
  public Optional<String> sampleOf(String tenantId, String labelId) {
    return Optional.ofNullable(sampleOfLabel.get(labelId)).filter(sampleId -> of(tenantId, sampleId).knows(labelId));
  }

  @Override
  public void close() {
    view.close();
  }
}
