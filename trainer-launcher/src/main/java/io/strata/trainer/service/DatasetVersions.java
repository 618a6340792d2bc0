package io.strata.trainer.service;

import io.strata.auth.apps.CompactedTopicView;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Which dataset versions exist, of which tenant, with how many items: a fold of the {@code datasets} topic's
 * CREATED and VERSION_CUT events. Memory: one small map entry per version.
 */
final class DatasetVersions implements AutoCloseable {

  /** One dataset: its tenant and the item count of each version cut so far. */
  record Dataset(String tenantId, Map<Integer, Long> itemCounts) {}

  private final CompactedTopicView<DatasetEvent, Dataset> view;

  DatasetVersions(Map<String, Object> kafka, String topic, Deserializer<DatasetEvent> deserializer) {
    this.view = new CompactedTopicView<>("trainer-launcher-datasets", kafka, topic, deserializer, this::fold);
  }

  private Dataset fold(String datasetId, DatasetEvent event) {
    Dataset previous = view.get(datasetId).orElse(null);
    String tenant = previous == null ? event.getTenantId() : previous.tenantId();
    if (event.getKind() == DatasetEventKind.VERSION_CUT && event.getVersionCut() != null) {
      var counts = new HashMap<Integer, Long>(previous == null ? Map.of() : previous.itemCounts());
      counts.put(event.getVersionCut().getVersion(), event.getVersionCut().getItemCount());
      return new Dataset(tenant, Map.copyOf(counts));
    }
    return previous == null ? new Dataset(tenant, Map.of()) : previous;
  }

  void start(Duration timeout) {
    view.start();
    view.awaitCaughtUp(timeout);
  }

  /** The item count of version {@code version} of {@code datasetId}, only if the dataset is {@code tenantId}'s. */
  Optional<Long> itemCount(String tenantId, String datasetId, int version) {
    return view.get(datasetId).filter(d -> d.tenantId().equals(tenantId))
        .map(d -> d.itemCounts().get(version));
  }

  @Override
  public void close() {
    view.close();
  }
}
