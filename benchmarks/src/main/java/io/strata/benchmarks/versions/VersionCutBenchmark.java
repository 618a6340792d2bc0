package io.strata.benchmarks.versions;

import io.strata.benchmarks.BenchmarkReport;
import io.strata.benchmarks.ScratchDirectory;
import io.strata.events.Annotator;
import io.strata.events.AnnotatorType;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.DatasetRule;
import io.strata.events.DatasetVersionItem;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import io.strata.events.VersionRequest;
import io.strata.platform.broker.BrokerSettings;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.Ports;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.Topics;
import io.strata.streams.ProcessorSettings;
import io.strata.streams.datasets.DatasetVersioner;
import io.strata.streams.datasets.VersionerTopics;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cutting a dataset version of N labelled samples with the real versioner (Kafka Streams, exactly_once_v2, its
 * production settings) against the baseline of a plain {@link KafkaConsumer} reading the same N items of that
 * version from {@code dataset-version-items}, in the same run on the same broker.
 *
 * <p>N is {@code --samples=N} or the environment variable {@code VERSIONS_SAMPLES} (default 1,000,000; benchmarks/run
 * passes no arguments). The broker's data and the state stores live in a temporary directory deleted at the end.
 */
public final class VersionCutBenchmark {

  private static final Logger log = LoggerFactory.getLogger(VersionCutBenchmark.class);
  private static final String TENANT = "bench";
  private static final String DATASET = "ds-bench";
  private static final int CLASSES = 10;

  private VersionCutBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int samples = samples(args);
    double loadAtStart = load();
    try (var scratch = new ScratchDirectory("versions-benchmark")) {
      var ports = Ports.free(2);
      try (var kafka = EmbeddedKafka.start(
          BrokerSettings.defaults(scratch.path().resolve("kafka")).withPorts(ports.get(0), ports.get(1)));
          var registry = new InMemorySchemaRegistryClient()) {
        // The broker creates the catalog's topics (samples, labels, datasets, dataset-version-items...) on start.
        Serde<SampleEvent> sampleSerde = Topics.SAMPLES.valueSerde(registry);
        Serde<LabelEvent> labelSerde = Topics.LABELS.valueSerde(registry);
        Serde<DatasetEvent> datasetSerde = Topics.DATASETS.valueSerde(registry);
        Serde<DatasetVersionItem> itemSerde = Topics.DATASET_VERSION_ITEMS.valueSerde(registry);

        long started = System.nanoTime();
        produce(kafka, samples, sampleSerde, labelSerde);
        double loadSeconds = seconds(started);
        log.info("Loaded samples={} labels={} seconds={}", samples, samples, format(loadSeconds));
        try (var datasets = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(),
            datasetSerde.serializer())) {
          datasets.send(new ProducerRecord<>(Topics.DATASETS.name(), DATASET, created())).get();
        }

        var settings = new ProcessorSettings(kafka.bootstrapServers(), "unused", "unused",
            scratch.path().resolve("state"), Map.of());
        try (var versioner = new KafkaStreams(DatasetVersioner.build(VersionerTopics.catalog(), sampleSerde,
            labelSerde, datasetSerde, itemSerde, Topics.LABELS.partitions()),
            DatasetVersioner.streamsConfig(settings))) {
          started = System.nanoTime();
          versioner.start();
          awaitCaughtUp(kafka, versioner);
          double ingestSeconds = seconds(started);
          log.info("Versioner caught up: seconds={}", format(ingestSeconds));

          started = System.nanoTime();
          DatasetEvent cut = cut(kafka, datasetSerde, versioner);
          double cutSeconds = seconds(started);
          long items = cut.getVersionCut().getItemCount();
          if (items != samples) {
            throw new IllegalStateException("The version has " + items + " items, expected " + samples);
          }
          log.info("Cut: version={} items={} seconds={}", cut.getVersionCut().getVersion(), items,
              format(cutSeconds));

          started = System.nanoTime();
          long read = readItems(kafka, itemSerde, cut.getVersionCut().getVersion(), items);
          double readSeconds = seconds(started);
          log.info("Plain consumer read: items={} seconds={}", read, format(readSeconds));

          String table = table(samples, loadSeconds, ingestSeconds, cutSeconds, readSeconds, loadAtStart, load());
          log.info("Results:\n{}", table);
          BenchmarkReport.atRepositoryRoot().writeSection("Dataset version cut", table);
        }
      }
    }
  }

  private static int samples(String[] args) {
    for (String arg : args) {
      if (arg.startsWith("--samples=")) {
        return Integer.parseInt(arg.substring("--samples=".length()).replace("_", ""));
      }
    }
    String env = System.getenv("VERSIONS_SAMPLES");
    return env == null || env.isBlank() ? 1_000_000 : Integer.parseInt(env.strip().replace("_", ""));
  }

  /** N uploads and N labels (one per sample, CLASSES classes), as the upload gateway and labels API append them. */
  private static void produce(EmbeddedKafka kafka, int samples, Serde<SampleEvent> sampleSerde,
      Serde<LabelEvent> labelSerde) throws Exception {
    var props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    var failure = new AtomicReference<Exception>();
    var acked = new AtomicLong();
    try (var sampleProducer = new KafkaProducer<>(props, new StringSerializer(), sampleSerde.serializer());
        var labelProducer = new KafkaProducer<>(props, new StringSerializer(), labelSerde.serializer())) {
      Instant now = Instant.now();
      for (int i = 0; i < samples; i++) {
        String sampleId = String.format("%064x", i);
        sampleProducer.send(new ProducerRecord<>(Topics.SAMPLES.name(), sampleId, upload(sampleId, now)),
            (metadata, e) -> done(e, failure, acked));
        labelProducer.send(new ProducerRecord<>(Topics.LABELS.name(), sampleId, label(sampleId, i, now)),
            (metadata, e) -> done(e, failure, acked));
        if (failure.get() != null) {
          throw failure.get();
        }
        if (i > 0 && i % 200_000 == 0) {
          log.info("Produced samples={} of {}", i, samples);
        }
      }
      sampleProducer.flush();
      labelProducer.flush();
    }
    if (failure.get() != null || acked.get() != 2L * samples) {
      throw new IllegalStateException("Loading failed: acked " + acked.get() + " of " + 2L * samples, failure.get());
    }
  }

  private static void done(Exception e, AtomicReference<Exception> failure, AtomicLong acked) {
    if (e != null) {
      failure.compareAndSet(null, e);
    } else {
      acked.incrementAndGet();
    }
  }

  /** Waits until the versioner's group has committed every sample and label offset. */
  private static void awaitCaughtUp(EmbeddedKafka kafka, KafkaStreams versioner) throws Exception {
    try (var admin = Admin.create(kafka.clientProperties())) {
      var ends = new HashMap<TopicPartition, OffsetSpec>();
      for (var topic : List.of(Topics.SAMPLES, Topics.LABELS)) {
        for (int p = 0; p < topic.partitions(); p++) {
          ends.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
        }
      }
      var latest = admin.listOffsets(ends).all().get();
      long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
      while (true) {
        requireRunning(versioner);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
            DatasetVersioner.APPLICATION_ID).partitionsToOffsetAndMetadata().get();
        long behind = 0;
        for (var entry : latest.entrySet()) {
          OffsetAndMetadata done = committed.get(entry.getKey());
          behind += entry.getValue().offset() - (done == null ? 0 : done.offset());
        }
        if (behind <= 0) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The versioner is still " + behind + " records behind after 60 minutes");
        }
        log.info("Versioner ingesting: recordsBehind={}", behind);
        Thread.sleep(2000);
      }
    }
  }

  /** Appends a VERSION_REQUESTED and waits until its committed VERSION_CUT is read back. */
  private static DatasetEvent cut(EmbeddedKafka kafka, Serde<DatasetEvent> serde, KafkaStreams versioner)
      throws Exception {
    String requestId = "bench-" + UUID.randomUUID();
    try (var consumer = consumer(kafka)) {
      consumer.subscribe(List.of(Topics.DATASETS.name()));
      try (var producer = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(), serde.serializer())) {
        producer.send(new ProducerRecord<>(Topics.DATASETS.name(), DATASET, requested(requestId))).get();
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
      while (System.nanoTime() < deadline) {
        requireRunning(versioner);
        for (var record : consumer.poll(Duration.ofMillis(20))) {
          DatasetEvent event = serde.deserializer().deserialize(record.topic(), record.value());
          if (event.getKind() == DatasetEventKind.VERSION_CUT
              && requestId.equals(event.getVersionCut().getRequestId())) {
            return event;
          }
        }
      }
      throw new IllegalStateException("No VERSION_CUT for " + requestId + " after 60 minutes");
    }
  }

  /** The baseline: a plain consumer reading the version's partition of dataset-version-items, decoding each item. */
  private static long readItems(EmbeddedKafka kafka, Serde<DatasetVersionItem> serde, int version, long items) {
    String key = DATASET + "/" + version;
    int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
        % Topics.DATASET_VERSION_ITEMS.partitions();
    var tp = new TopicPartition(Topics.DATASET_VERSION_ITEMS.name(), partition);
    long read = 0;
    long classes = 0;
    try (var consumer = consumer(kafka)) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (read < items) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          if (key.equals(record.key())) {
            DatasetVersionItem item = serde.deserializer().deserialize(record.topic(), record.value());
            classes += item.getClassLabel() == null ? 0 : item.getClassLabel().length();
            read++;
          }
        }
      }
    }
    log.debug("Checksum of class lengths: {}", classes);
    return read;
  }

  private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafka kafka) {
    var props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "versions-benchmark-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static void requireRunning(KafkaStreams versioner) {
    var state = versioner.state();
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
        || state == KafkaStreams.State.PENDING_ERROR) {
      throw new IllegalStateException("The versioner stopped: state=" + state);
    }
  }

  private static SampleEvent upload(String sampleId, Instant now) {
    return SampleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(TENANT).setOccurredAt(now)
        .setProducer("versions-benchmark").setSampleId(sampleId).setKind(SampleEventKind.UPLOADED)
        .setUploaded(SampleUploaded.newBuilder().setBlobUri("file:/blobs/sha256/" + sampleId.substring(0, 2) + "/"
            + sampleId).setContentType("image/jpeg").setSizeBytes(50_000).setWidth(640).setHeight(480)
            .setTags(List.of("bench")).setSource("benchmark").build())
        .build();
  }

  private static LabelEvent label(String sampleId, int i, Instant now) {
    return LabelEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(TENANT).setOccurredAt(now)
        .setProducer("versions-benchmark").setLabelId(UUID.randomUUID().toString()).setSampleId(sampleId)
        .setKind(LabelEventKind.MADE).setClassLabel("class-" + (i % CLASSES))
        .setAnnotator(Annotator.newBuilder().setType(AnnotatorType.PERSON).setId("annotator-1").build()).build();
  }

  private static DatasetEvent created() {
    return dataset(DatasetEventKind.CREATED).setRule(DatasetRule.newBuilder().setName("benchmark").build()).build();
  }

  private static DatasetEvent requested(String requestId) {
    return dataset(DatasetEventKind.VERSION_REQUESTED).setVersionRequest(VersionRequest.newBuilder()
        .setRequestId(requestId).setRequestedBy("versions-benchmark").build()).build();
  }

  private static DatasetEvent.Builder dataset(DatasetEventKind kind) {
    return DatasetEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(TENANT)
        .setOccurredAt(Instant.now()).setProducer("versions-benchmark").setDatasetId(DATASET).setKind(kind);
  }

  private static String table(int samples, double loadSeconds, double ingestSeconds, double cutSeconds,
      double readSeconds, double loadAtStart, double loadAtEnd) {
    return String.format(Locale.ROOT, """
        %,d samples, each uploaded and labelled once (%d classes), on one in-JVM KRaft broker; the dataset's rule \
        admits every sample. Strata: the real dataset versioner (Kafka Streams, exactly_once_v2, its production \
        settings from `DatasetVersioner.streamsConfig`, one stream thread, %d slices), timed from appending \
        `VERSION_REQUESTED` until the committed \
        `VERSION_CUT` is read back (read_committed): every slice scans its sample store, writes its items to \
        `dataset-version-items` and its summary, and the assembler appends the cut. Baseline: a plain \
        `KafkaConsumer` (read_committed, Avro-decoding each value) reading the same %,d items of the version from its \
        partition of `dataset-version-items`. One cut, measured once.

        | | seconds | items/s |
        |---|---:|---:|
        | cut the version (request → committed cut) | %.1f | %,.0f |
        | plain consumer reading the version's items | %.1f | %,.0f |
        | **cut / plain read** | **%.1f×** | |

        Before the cut: producing the %,d uploads and %,d labels took %.1f s, and the versioner took %.1f s (from \
        its start) to fold them into its state stores. The issue sets no target for this number; it asks for the \
        comparison. System load average (1 min) %.1f at the start and %.1f at the end of the run, on %d cores \
        (other builds were running on the machine).
        """, samples, CLASSES, Topics.LABELS.partitions(), samples, cutSeconds, samples / cutSeconds, readSeconds,
        samples / readSeconds, cutSeconds / readSeconds, samples, samples, loadSeconds, ingestSeconds, loadAtStart,
        loadAtEnd, Runtime.getRuntime().availableProcessors());
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String format(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds);
  }
}
