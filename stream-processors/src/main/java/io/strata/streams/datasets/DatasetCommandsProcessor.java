package io.strata.streams.datasets;

import io.strata.events.DatasetEvent;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each dataset's rule and version counter, and turns a version request into one cut marker per slice.
 * A request for an unknown dataset, of another tenant, or without a request id fails to the dead letters; a
 * request id seen before for the dataset is answered once only. Cuts the versioner appended itself are skipped.
 */
final class DatasetCommandsProcessor extends ContextualProcessor<String, DatasetEvent, String, CutMarker> {

  private static final Logger log = LoggerFactory.getLogger(DatasetCommandsProcessor.class);

  private final int slices;
  private KeyValueStore<String, DatasetRecord> datasets;
  private KeyValueStore<String, Integer> requests;

  DatasetCommandsProcessor(int slices) {
    this.slices = slices;
  }

  @Override
  public void init(ProcessorContext<String, CutMarker> context) {
    super.init(context);
    datasets = context.getStateStore(DatasetVersioner.DATASET_STORE);
    requests = context.getStateStore(DatasetVersioner.REQUEST_STORE);
  }

  @Override
  public void process(Record<String, DatasetEvent> record) {
    DatasetEvent event = record.value();
    if (event == null) {
      throw new IllegalArgumentException("A datasets record without a value (key " + record.key() + ")");
    }
    String datasetId = event.getDatasetId();
    DatasetRecord known = datasets.get(datasetId);
    switch (event.getKind()) {
      case CREATED, RULE_CHANGED -> {
        if (event.getRule() == null) {
          throw new IllegalArgumentException("Dataset " + datasetId + ": a " + event.getKind()
              + " event must carry the rule");
        }
        if (known != null && !known.definition().tenantId().equals(event.getTenantId())) {
          throw new IllegalArgumentException("Dataset " + datasetId + " belongs to tenant "
              + known.definition().tenantId() + ", not " + event.getTenantId());
        }
        var definition = DatasetDefinition.of(datasetId, event.getTenantId(), event.getRule());
        SplitAssignment.of("check", datasetId, definition.validationPercent(), definition.testPercent());
        datasets.put(datasetId, new DatasetRecord(definition, known == null ? 0 : known.lastVersion()));
        log.info("Dataset defined: datasetId={} tenant={} kind={}", datasetId, event.getTenantId(), event.getKind());
      }
      case VERSION_REQUESTED -> request(record, event, known);
      default -> {
        // VERSION_CUT is this processor's own output read back; UNKNOWN is a newer kind it does not know.
      }
    }
  }

  private void request(Record<String, DatasetEvent> record, DatasetEvent event, DatasetRecord known) {
    String datasetId = event.getDatasetId();
    if (known == null) {
      throw new IllegalArgumentException("Version requested for dataset " + datasetId
          + ", which was never created: append its CREATED event first");
    }
    if (!known.definition().tenantId().equals(event.getTenantId())) {
      throw new IllegalArgumentException("Version of dataset " + datasetId + " requested by tenant "
          + event.getTenantId() + "; it belongs to " + known.definition().tenantId());
    }
    String requestId = event.getVersionRequest() == null ? event.getEventId()
        : event.getVersionRequest().getRequestId();
    String requestKey = datasetId + "\u0000" + requestId;
    Integer answered = requests.get(requestKey);
    if (answered != null) {
      log.info("Version request seen before: datasetId={} requestId={} version={}", datasetId, requestId, answered);
      return;
    }
    int version = known.lastVersion() + 1;
    datasets.put(datasetId, new DatasetRecord(known.definition(), version));
    requests.put(requestKey, version);
    for (int slice = 0; slice < slices; slice++) {
      var marker = new CutMarker(known.definition(), version, requestId, event.getEventId(), record.timestamp(),
          slice, slices);
      context().forward(record.withKey(datasetId + "#" + slice).withValue(marker));
    }
    log.info("Version requested: datasetId={} version={} requestId={} asOf={}", datasetId, version, requestId,
        record.timestamp());
  }
}
