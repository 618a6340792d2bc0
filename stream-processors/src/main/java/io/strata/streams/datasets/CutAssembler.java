package io.strata.streams.datasets;

import io.strata.events.ClassSplitCount;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.Split;
import io.strata.events.VersionCut;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds up the slices' summaries of a version (keyed {@code datasetId/version}) and, once every slice answered,
 * appends the {@code VERSION_CUT} event, keyed by datasetId. Its id and time derive from the cut alone.
 */
final class CutAssembler extends ContextualProcessor<String, SliceSummary, String, DatasetEvent> {

  private static final Logger log = LoggerFactory.getLogger(CutAssembler.class);

  private KeyValueStore<String, SliceSummary> partial;

  @Override
  public void init(ProcessorContext<String, DatasetEvent> context) {
    super.init(context);
    partial = context.getStateStore(DatasetVersioner.CUT_STORE);
  }

  @Override
  public void process(Record<String, SliceSummary> record) {
    SliceSummary seen = partial.get(record.key());
    SliceSummary summary = seen == null ? record.value() : seen.merge(record.value());
    if (!summary.complete()) {
      partial.put(record.key(), summary);
      return;
    }
    partial.delete(record.key());
    CutMarker marker = summary.marker();
    var counts = new ArrayList<ClassSplitCount>();
    summary.counts().forEach((key, count) -> {
      int separator = key.lastIndexOf('\u0000');
      counts.add(new ClassSplitCount(key.substring(0, separator), Split.valueOf(key.substring(separator + 1)),
          count));
    });
    String hash = new VersionHash.Sum(summary.hashSum(), summary.itemCount()).hash();
    var datasetId = marker.dataset().datasetId();
    var cut = DatasetEvent.newBuilder()
        .setEventId(Membership.eventId("cut", datasetId, Integer.toString(marker.version())))
        .setTenantId(marker.dataset().tenantId())
        .setOccurredAt(Instant.ofEpochMilli(marker.asOf()))
        .setProducer(Membership.PRODUCER)
        .setCausationId(marker.requestEventId())
        .setDatasetId(datasetId)
        .setKind(DatasetEventKind.VERSION_CUT)
        .setVersionCut(VersionCut.newBuilder()
            .setVersion(marker.version())
            .setContentHash(hash)
            .setItemCount(summary.itemCount())
            .setCounts(counts)
            .setRequestId(marker.requestId())
            .setAsOf(Instant.ofEpochMilli(marker.asOf()))
            .build())
        .build();
    context().forward(new Record<>(datasetId, cut, marker.asOf()));
    log.info("Version cut: datasetId={} version={} items={} hash={}", datasetId, marker.version(),
        summary.itemCount(), hash);
  }
}
