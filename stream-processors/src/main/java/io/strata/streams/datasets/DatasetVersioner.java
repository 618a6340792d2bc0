package io.strata.streams.datasets;

import io.strata.events.DatasetEvent;
import io.strata.events.DatasetVersionItem;
import io.strata.events.LabelEvent;
import io.strata.events.SampleEvent;
import io.strata.streams.ProcessorSettings;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The dataset versioner topology (see the package documentation for its partitioning and determinism):
 * {@code datasets} → dataset commands → {@code cut-markers} (one per slice) → slices, which also read
 * {@code samples} and {@code labels} → items to {@code dataset-version-items} and summaries via
 * {@code slice-summaries} → assembler → {@code VERSION_CUT} to {@code datasets}.
 */
public final class DatasetVersioner {

  /** The Kafka Streams application id; its consumer group and internal topics are named after it. */
  public static final String APPLICATION_ID = "strata-dataset-versioner";
  /** Sample histories by {@code tenantId NUL sampleId}, in the slice tasks. */
  public static final String SAMPLE_STORE = "dataset-versioner-samples";
  /** Dataset rules and version counters by datasetId. */
  public static final String DATASET_STORE = "dataset-versioner-datasets";
  /** Version requests answered, {@code datasetId NUL requestId} → version. */
  public static final String REQUEST_STORE = "dataset-versioner-requests";
  /** Slice summaries of versions not yet complete, by {@code datasetId/version}. */
  public static final String CUT_STORE = "dataset-versioner-cuts";
  /** Repartition topic {@code <application.id>-cut-markers-repartition}: one marker per slice. */
  public static final String CUT_MARKERS = "cut-markers";
  /** Repartition topic {@code <application.id>-slice-summaries-repartition}: keyed datasetId/version. */
  public static final String SLICE_SUMMARIES = "slice-summaries";
  /** The class under which items without an image-level class (detection labels only) are counted. */
  public static final String NO_CLASS = "";

  /**
   * What the versioner needs beyond {@link ProcessorSettings}: a slice writes all its members of a version inside
   * one transaction and one {@code process} call, so Kafka Streams' 10 s transaction timeout fences a large cut
   * (seen with 20,000 samples on a loaded 2-core machine; the task then redoes the whole slice). Ten minutes (the
   * broker allows up to fifteen by default) and a poll interval above it let large cuts complete on a slow machine.
   */
  public static final Map<String, String> STREAMS_DEFAULTS = Map.of(
      StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "600000",
      StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), "660000");

  private DatasetVersioner() {
  }

  /** The versioner's Kafka Streams configuration: {@code settings}', plus {@link #STREAMS_DEFAULTS} not overridden. */
  public static Properties streamsConfig(ProcessorSettings settings) {
    Properties config = settings.streamsConfig(APPLICATION_ID);
    STREAMS_DEFAULTS.forEach((key, value) -> {
      if (!settings.overrides().containsKey(key)) {
        config.put(key, value);
      }
    });
    return config;
  }

  /**
   * @param topics what it reads and appends to
   * @param slices the partition count of {@code samples} and of {@code labels}, which must be equal
   */
  public static Topology build(VersionerTopics topics, Serde<SampleEvent> sampleSerde, Serde<LabelEvent> labelSerde,
      Serde<DatasetEvent> datasetSerde, Serde<DatasetVersionItem> itemSerde, int slices) {
    if (slices < 1 || slices > 64) {
      throw new IllegalArgumentException("The versioner handles 1 to 64 sample partitions, got " + slices);
    }
    var builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DATASET_STORE),
        Serdes.String(), VersionerSerdes.datasets()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REQUEST_STORE),
        Serdes.String(), Serdes.Integer()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SAMPLE_STORE),
        Serdes.String(), VersionerSerdes.histories()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUT_STORE),
        Serdes.String(), VersionerSerdes.summaries()));

    KStream<String, SliceInput> markers = builder.stream(topics.datasets(),
            Consumed.with(Serdes.String(), datasetSerde).withName("datasets-source"))
        .process(() -> new DatasetCommandsProcessor(slices), Named.as("dataset-commands"), DATASET_STORE,
            REQUEST_STORE)
        .repartition(Repartitioned.with(Serdes.String(), VersionerSerdes.markers())
            .withName(CUT_MARKERS)
            .withNumberOfPartitions(slices)
            .withStreamPartitioner((topic, key, marker, partitions) -> Optional.of(Set.of(marker.slice()))))
        .mapValues(marker -> (SliceInput) new SliceInput.Marker(marker), Named.as("markers-as-input"));
    KStream<String, SliceInput> samples = builder.stream(topics.samples(),
            Consumed.with(Serdes.String(), sampleSerde).withName("samples-source"))
        .mapValues(event -> (SliceInput) new SliceInput.Sample(event), Named.as("samples-as-input"));
    KStream<String, SliceInput> labels = builder.stream(topics.labels(),
            Consumed.with(Serdes.String(), labelSerde).withName("labels-source"))
        .mapValues(event -> (SliceInput) new SliceInput.Label(event), Named.as("labels-as-input"));

    KStream<String, Object> sliced = samples
        .merge(labels, Named.as("samples-and-labels"))
        .merge(markers, Named.as("slice-inputs"))
        .process(SliceProcessor::new, Named.as("dataset-slice"), SAMPLE_STORE);
    sliced.filter((key, value) -> value instanceof DatasetVersionItem, Named.as("items-only"))
        .mapValues(value -> (DatasetVersionItem) value, Named.as("as-items"))
        .to(topics.items(), Produced.with(Serdes.String(), itemSerde).withName("version-items-sink"));
    sliced.filter((key, value) -> value instanceof SliceSummary, Named.as("summaries-only"))
        .mapValues(value -> (SliceSummary) value, Named.as("as-summaries"))
        .repartition(Repartitioned.with(Serdes.String(), VersionerSerdes.summaries()).withName(SLICE_SUMMARIES))
        .process(CutAssembler::new, Named.as("cut-assembler"), CUT_STORE)
        .to(topics.cuts(), Produced.with(Serdes.String(), datasetSerde).withName("version-cuts-sink"));
    return builder.build();
  }
}
