package io.strata.streams.training;

import io.strata.events.DatasetEvent;
import io.strata.events.DriftReport;
import io.strata.events.LabelEvent;
import io.strata.events.TrainingJobEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The training trigger topology: {@code datasets} (rules, cuts), {@code labels} (MADE) and {@code drift-reports}
 * → repartition by tenant → trigger → {@code VERSION_REQUESTED} to {@code datasets} and {@code REQUESTED} to
 * {@code training-jobs}. See the package documentation for what it counts and when it asks.
 */
public final class TrainingTrigger {

  /** The Kafka Streams application id; its consumer group and internal topics are named after it. */
  public static final String APPLICATION_ID = "strata-training-trigger";
  /** Each dataset's trigger state by {@code tenantId NUL datasetId}. */
  public static final String STATE_STORE = "training-trigger-datasets";
  /** Repartition topic {@code strata-training-trigger-inputs-by-tenant-repartition}. */
  public static final String BY_TENANT = "inputs-by-tenant";
  /** The producer recorded on everything the trigger appends. */
  public static final String PRODUCER = "training-trigger";

  private TrainingTrigger() {
  }

  /** The topology reading and appending to {@code topics}. */
  public static Topology build(TriggerTopics topics, Serde<DatasetEvent> datasetSerde, Serde<LabelEvent> labelSerde,
      Serde<DriftReport> driftSerde, Serde<TrainingJobEvent> jobSerde) {
    var builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
        Serdes.String(), TriggerSerdes.states()));
    KStream<String, TriggerInput> datasets = builder.stream(topics.datasets(),
            Consumed.with(Serdes.String(), datasetSerde).withName("trigger-datasets-source"))
        .flatMapValues((DatasetEvent event) -> TriggerInput.of(event), Named.as("dataset-inputs"));
    KStream<String, TriggerInput> labels = builder.stream(topics.labels(),
            Consumed.with(Serdes.String(), labelSerde).withName("trigger-labels-source"))
        .flatMapValues((LabelEvent event) -> TriggerInput.of(event), Named.as("label-inputs"));
    KStream<String, TriggerInput> drift = builder.stream(topics.driftReports(),
            Consumed.with(Serdes.String(), driftSerde).withName("trigger-drift-source"))
        .flatMapValues((DriftReport report) -> TriggerInput.of(report), Named.as("drift-inputs"));

    KStream<String, Object> decided = datasets
        .merge(labels, Named.as("datasets-and-labels"))
        .merge(drift, Named.as("trigger-inputs"))
        // A tenant's rules, cuts, labels and drift reports must meet in one task: one partition per tenant.
        .selectKey((key, input) -> input.tenantId(), Named.as("key-by-tenant"))
        .repartition(Repartitioned.with(Serdes.String(), TriggerSerdes.inputs()).withName(BY_TENANT))
        .process(TriggerProcessor::new, Named.as("training-trigger"), STATE_STORE);
    decided.filter((key, value) -> value instanceof DatasetEvent, Named.as("version-requests-only"))
        .mapValues(value -> (DatasetEvent) value, Named.as("as-version-requests"))
        .to(topics.versionRequests(), Produced.with(Serdes.String(), datasetSerde).withName("version-requests-sink"));
    decided.filter((key, value) -> value instanceof TrainingJobEvent, Named.as("job-requests-only"))
        .mapValues(value -> (TrainingJobEvent) value, Named.as("as-job-requests"))
        .to(topics.trainingJobs(), Produced.with(Serdes.String(), jobSerde).withName("job-requests-sink"));
    return builder.build();
  }
}
