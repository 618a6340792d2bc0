package io.strata.streams.training;

import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingRequest;
import io.strata.events.VersionRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TriggerPolicy} to each input of a tenant (the record key) and appends what it decides: a
 * {@code VERSION_REQUESTED} keyed by datasetId, or a job {@code REQUESTED} keyed by jobId. Ids and times of the
 * output derive from the input only.
 */
final class TriggerProcessor extends ContextualProcessor<String, TriggerInput, String, Object> {

  private static final Logger log = LoggerFactory.getLogger(TriggerProcessor.class);
  private static final StringSerializer KEYS = new StringSerializer();

  private KeyValueStore<String, DatasetTrigger> datasets;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    datasets = context.getStateStore(TrainingTrigger.STATE_STORE);
  }

  @Override
  public void process(Record<String, TriggerInput> record) {
    TriggerInput input = record.value();
    long time = record.timestamp();
    if (input instanceof TriggerInput.Rule rule) {
      String key = key(rule.tenantId(), rule.datasetId());
      DatasetTrigger known = datasets.get(key);
      apply(key, known, TriggerPolicy.onRule(known, rule.tenantId(), rule.datasetId(), rule.classes(),
          rule.policy()), time, rule.eventId());
      log.info("Training policy set: datasetId={} tenant={} policy={}", rule.datasetId(), rule.tenantId(),
          rule.policy());
    } else if (input instanceof TriggerInput.Cut cut) {
      String key = key(cut.tenantId(), cut.datasetId());
      DatasetTrigger known = datasets.get(key);
      if (known == null) {
        log.warn("Version cut for a dataset the trigger does not know; no job: datasetId={} tenant={} version={}",
            cut.datasetId(), cut.tenantId(), cut.version());
        return;
      }
      if (cut.itemCount() == 0) {
        log.info("Empty version cut; no job: datasetId={} version={} requestId={}", cut.datasetId(), cut.version(),
            cut.requestId());
      }
      apply(key, known, TriggerPolicy.onCut(known, cut.requestId(), cut.version(), cut.itemCount()), time,
          cut.eventId());
    } else if (input instanceof TriggerInput.Label label) {
      forEachDataset(label.tenantId(), state -> TriggerPolicy.onLabel(state, label.classes()), time,
          label.eventId());
    } else if (input instanceof TriggerInput.Drift drift) {
      forEachDataset(drift.tenantId(), state -> TriggerPolicy.onDrift(state, drift.modelName(),
          drift.modelVersion(), drift.severity()), time, drift.eventId());
    } else {
      throw new IllegalArgumentException("Unknown training trigger input " + input);
    }
  }

  /** Applies {@code decide} to every dataset of {@code tenantId}. */
  private void forEachDataset(String tenantId, Function<DatasetTrigger, TriggerStep> decide,
      long time, String causationId) {
    List<KeyValue<String, DatasetTrigger>> tenantDatasets = new ArrayList<>();
    try (var iterator = datasets.prefixScan(tenantId + "\u0000", KEYS)) {
      iterator.forEachRemaining(tenantDatasets::add);
    }
    for (var entry : tenantDatasets) {
      apply(entry.key, entry.value, decide.apply(entry.value), time, causationId);
    }
  }

  private void apply(String key, DatasetTrigger before, TriggerStep step, long time, String causationId) {
    if (!step.state().equals(before)) {
      datasets.put(key, step.state());
    }
    DatasetTrigger state = step.state();
    for (TriggerAction action : step.actions()) {
      if (action instanceof TriggerAction.RequestVersion request) {
        context().forward(new Record<>(state.datasetId(), versionRequest(state, request, time, causationId), time));
        log.info("Version requested for training: datasetId={} tenant={} policy={} requestId={}",
            state.datasetId(), state.tenantId(), request.policy(), request.requestId());
      } else if (action instanceof TriggerAction.StartJob job) {
        context().forward(new Record<>(job.jobId(), jobRequest(state, job, time, causationId), time));
        log.info("Training job requested: jobId={} datasetId={} version={} policy={} tenant={}", job.jobId(),
            state.datasetId(), job.version(), job.policy(), state.tenantId());
      }
    }
  }

  private static DatasetEvent versionRequest(DatasetTrigger state, TriggerAction.RequestVersion request, long time,
      String causationId) {
    return DatasetEvent.newBuilder()
        .setEventId(TriggerIds.nameUuid("trigger-request", request.requestId()))
        .setTenantId(state.tenantId())
        .setOccurredAt(Instant.ofEpochMilli(time))
        .setProducer(TrainingTrigger.PRODUCER)
        .setCausationId(causationId)
        .setDatasetId(state.datasetId())
        .setKind(DatasetEventKind.VERSION_REQUESTED)
        .setVersionRequest(VersionRequest.newBuilder()
            .setRequestId(request.requestId())
            .setRequestedBy(TrainingTrigger.PRODUCER + ":" + request.policy())
            .build())
        .build();
  }

  private static TrainingJobEvent jobRequest(DatasetTrigger state, TriggerAction.StartJob job, long time,
      String causationId) {
    Policy policy = state.policy();
    return TrainingJobEvent.newBuilder()
        .setEventId(TriggerIds.nameUuid("trigger-job", job.jobId()))
        .setTenantId(state.tenantId())
        .setOccurredAt(Instant.ofEpochMilli(time))
        .setProducer(TrainingTrigger.PRODUCER)
        .setCausationId(causationId)
        .setJobId(job.jobId())
        .setKind(TrainingJobEventKind.REQUESTED)
        .setRequest(TrainingRequest.newBuilder()
            .setDatasetId(state.datasetId())
            .setDatasetVersion(job.version())
            .setPolicy(job.policy())
            .setTrainer(policy.trainer())
            .setGpus(policy.gpus())
            .setHyperparameters(new TreeMap<>(policy.hyperparameters()))
            .setModelName(policy.modelName())
            .build())
        .build();
  }

  private static String key(String tenantId, String datasetId) {
    return tenantId + "\u0000" + datasetId;
  }
}
