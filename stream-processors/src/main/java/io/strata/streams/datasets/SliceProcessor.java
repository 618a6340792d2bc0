package io.strata.streams.datasets;

import io.strata.events.DatasetVersionItem;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One partition of samples and labels: folds each event into the sample's history and, on a cut marker, emits
 * the partition's members of the dataset as items plus one {@link SliceSummary}. Outputs are keyed
 * {@code datasetId/version}.
 */
final class SliceProcessor extends ContextualProcessor<String, SliceInput, String, Object> {

  private KeyValueStore<String, SampleHistory> samples;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    samples = context.getStateStore(DatasetVersioner.SAMPLE_STORE);
  }

  @Override
  public void process(Record<String, SliceInput> record) {
    SliceInput input = record.value();
    if (input instanceof SliceInput.Sample sample) {
      fold(record.timestamp(), sample.event().getTenantId(), sample.event().getSampleId(),
          state -> state.apply(sample.event()));
    } else if (input instanceof SliceInput.Label label) {
      fold(record.timestamp(), label.event().getTenantId(), label.event().getSampleId(),
          state -> state.apply(label.event()));
    } else if (input instanceof SliceInput.Marker marker) {
      cut(marker.marker());
    }
  }

  private void fold(long timestamp, String tenantId, String sampleId,
      java.util.function.UnaryOperator<SampleState> change) {
    String key = key(tenantId, sampleId);
    SampleHistory history = samples.get(key);
    if (history == null) {
      history = new SampleHistory(java.util.List.of());
    }
    SampleState before = history.latest().orElse(SampleState.empty(tenantId, sampleId));
    SampleState after = change.apply(before);
    if (!after.equals(before)) {
      samples.put(key, history.append(timestamp, after));
    }
  }

  private void cut(CutMarker marker) {
    int partition = context().recordMetadata().orElseThrow().partition();
    if (partition != marker.slice()) {
      throw new IllegalStateException("Cut marker for slice " + marker.slice() + " read from partition "
          + partition + ": the marker topic and the sample topics are not co-partitioned");
    }
    var dataset = marker.dataset();
    String key = dataset.datasetId() + "/" + marker.version();
    var sum = new VersionHash.Sum();
    var counts = new TreeMap<String, Long>();
    try (var members = samples.prefixScan(dataset.tenantId() + "\u0000", new StringSerializer())) {
      while (members.hasNext()) {
        var state = members.next().value.asOf(marker.asOf());
        if (state.isEmpty()) {
          continue;
        }
        var item = Membership.item(dataset, marker.version(), state.get(), marker.asOf(), marker.requestEventId());
        if (item.isPresent()) {
          DatasetVersionItem value = item.get();
          sum.add(value);
          counts.merge(countKey(value), 1L, Long::sum);
          context().forward(new Record<String, Object>(key, value, marker.asOf()));
        }
      }
    }
    var summary = new SliceSummary(marker, 1L << marker.slice(), sum.bytes(), sum.count(), counts);
    context().forward(new Record<String, Object>(key, summary, marker.asOf()));
  }

  /** The store key: tenant, NUL, sampleId; one tenant's samples are one sorted prefix. */
  static String key(String tenantId, String sampleId) {
    return tenantId + "\u0000" + sampleId;
  }

  /** {@code class NUL split}; items without an image-level class count under {@link DatasetVersioner#NO_CLASS}. */
  static String countKey(DatasetVersionItem item) {
    String label = item.getClassLabel() == null ? DatasetVersioner.NO_CLASS : item.getClassLabel();
    return label + "\u0000" + item.getSplit().name();
  }
}
