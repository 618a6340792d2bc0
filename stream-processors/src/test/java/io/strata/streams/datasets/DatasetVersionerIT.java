package io.strata.streams.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.events.Annotator;
import io.strata.events.AnnotatorType;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.DatasetRule;
import io.strata.events.DatasetVersionItem;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import io.strata.events.VersionRequest;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import io.strata.streams.ProcessorSettings;
import io.strata.streams.deadletters.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The determinism/replay test on a real broker: two versions cut with labels changed between them, then a fresh
 * versioner (new application id, empty state) replays the same input from the beginning and must append the very
 * same versions, item for item and hash for hash.
 */
class DatasetVersionerIT {

  private static final EmbeddedKafka KAFKA = EmbeddedKafka.shared();
  private static final String TENANT = "acme";
  private static final int SAMPLES = 30;

  @TempDir
  Path dir;

  private final String samplesTopic = TestTopics.unique("samples");
  private final String labelsTopic = TestTopics.unique("labels");
  private final String datasetsTopic = TestTopics.unique("datasets");
  private final String itemsTopic = TestTopics.unique("items");
  private final String replayCutsTopic = TestTopics.unique("replay-cuts");
  private final String replayItemsTopic = TestTopics.unique("replay-items");
  private final String deadLettersTopic = TestTopics.unique("dead-letters");
  private final String scope = TestTopics.unique("registry");
  private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.scoped(scope);
  private final Serde<SampleEvent> sampleSerde = Topics.SAMPLES.valueSerde(registry);
  private final Serde<LabelEvent> labelSerde = Topics.LABELS.valueSerde(registry);
  private final Serde<DatasetEvent> datasetSerde = Topics.DATASETS.valueSerde(registry);
  private final Serde<DatasetVersionItem> itemSerde = Topics.DATASET_VERSION_ITEMS.valueSerde(registry);
  private final List<KafkaStreams> running = new ArrayList<>();
  private final String datasetId = "ds-" + UUID.randomUUID();

  @AfterEach
  void stop() {
    running.forEach(streams -> streams.close(Duration.ofSeconds(30)));
    InMemorySchemaRegistryClient.dropScope(scope);
  }

  @Test
  void shouldCutReproducibleVersionsAndReplayThemBitForBit() throws Exception {
    // The inputs as the catalog creates them: LogAppendTime, which the as-of rule of a cut relies on.
    KAFKA.createTopic(samplesTopic, 6, Topics.SAMPLES.configs());
    KAFKA.createTopic(labelsTopic, 6, Topics.LABELS.configs());
    KAFKA.createTopic(datasetsTopic, 3, Topics.DATASETS.configs());
    KAFKA.createTopic(itemsTopic, 6);
    KAFKA.createTopic(replayCutsTopic, 3);
    KAFKA.createTopic(replayItemsTopic, 6);
    KAFKA.createTopic(deadLettersTopic, 1);
    start("live", datasetsTopic, itemsTopic);

    Map<String, String> labelIds = new HashMap<>();
    try (var samples = producer(sampleSerde); var labels = producer(labelSerde); var datasets = producer(datasetSerde)) {
      for (int i = 0; i < SAMPLES; i++) {
        String sampleId = sampleId(i);
        List<String> tags = i % 3 == 0 ? List.of("indoor") : List.of("outdoor");
        send(samples, samplesTopic, sampleId, uploaded(TENANT, sampleId, tags));
        send(samples, samplesTopic, sampleId, assessed(TENANT, sampleId, i % 7 != 0));
        if (i != 29) {
          labelIds.put(sampleId, UUID.randomUUID().toString());
          send(labels, labelsTopic, sampleId, made(TENANT, sampleId, labelIds.get(sampleId), i % 2 == 0 ? "cat" : "dog"));
        }
      }
      // Another tenant's copy of a sample is never a member.
      send(samples, samplesTopic, sampleId(1), uploaded("globex", sampleId(1), List.of("outdoor")));
      send(labels, labelsTopic, sampleId(1), made("globex", sampleId(1), UUID.randomUUID().toString(), "cat"));
      send(datasets, datasetsTopic, datasetId, created());
      // A request for a dataset nobody created goes to the dead letters.
      send(datasets, datasetsTopic, "ds-unknown", requested("ds-unknown", "r0"));
      Thread.sleep(20); // the cut reads events strictly older than the request's log-append time
      send(datasets, datasetsTopic, datasetId, requested(datasetId, "r1"));

      DatasetEvent v1 = awaitCuts(datasetsTopic, 1).get(0);
      assertThat(v1.getVersionCut().getVersion()).isEqualTo(1);

      // Between the versions: sample 2 relabelled, sample 4's label retracted, sample 29 labelled.
      send(labels, labelsTopic, sampleId(2), made(TENANT, sampleId(2), UUID.randomUUID().toString(), "dog"));
      send(labels, labelsTopic, sampleId(4), retracted(TENANT, sampleId(4), labelIds.get(sampleId(4))));
      send(labels, labelsTopic, sampleId(29), made(TENANT, sampleId(29), UUID.randomUUID().toString(), "cat"));
      Thread.sleep(20);
      send(datasets, datasetsTopic, datasetId, requested(datasetId, "r2"));
      send(datasets, datasetsTopic, datasetId, requested(datasetId, "r1")); // answered already: no third version
    }

    List<DatasetEvent> cuts = awaitCuts(datasetsTopic, 2);
    Map<Integer, List<DatasetVersionItem>> items = awaitItems(itemsTopic, cuts);
    List<DatasetVersionItem> v1 = items.get(1);
    List<DatasetVersionItem> v2 = items.get(2);

    // Version 1: acme's outdoor samples that passed review and carry a label.
    List<String> expectedV1 = members(i -> i != 29);
    assertThat(v1).extracting(DatasetVersionItem::getSampleId).containsExactlyElementsOf(expectedV1);
    assertThat(v1).allSatisfy(item -> {
      assertThat(item.getBlobUri()).isEqualTo(blobUri(item.getSampleId()));
      assertThat(item.getClassLabel()).isIn("cat", "dog");
      assertThat(item.getLabelIds()).hasSize(1);
      assertThat(item.getSplit()).isEqualTo(SplitAssignment.of(item.getSampleId(), datasetId, 10, 10));
    });
    assertCut(cuts.get(0), 1, v1, "r1");
    assertCut(cuts.get(1), 2, v2, "r2");

    // Version 2 = version 1 + 29 − 4, with 2 relabelled; no sample changed its split.
    var diff = VersionDiff.between(v1, v2);
    assertThat(diff.added()).extracting(DatasetVersionItem::getSampleId).containsExactly(sampleId(29));
    assertThat(diff.removed()).extracting(DatasetVersionItem::getSampleId).containsExactly(sampleId(4));
    assertThat(diff.relabelled()).singleElement().satisfies(r -> {
      assertThat(r.before().getClassLabel()).isEqualTo("cat");
      assertThat(r.after().getClassLabel()).isEqualTo("dog");
      assertThat(r.after().getSampleId()).isEqualTo(sampleId(2));
    });
    Map<String, Object> splitsV1 = v1.stream().collect(Collectors.toMap(DatasetVersionItem::getSampleId,
        DatasetVersionItem::getSplit));
    assertThat(v2).filteredOn(item -> splitsV1.containsKey(item.getSampleId()))
        .allSatisfy(item -> assertThat(item.getSplit()).isEqualTo(splitsV1.get(item.getSampleId())));
    assertThat(cuts.get(0).getVersionCut().getContentHash()).isNotEqualTo(cuts.get(1).getVersionCut().getContentHash());

    assertThat(deadLetters()).anySatisfy(reason -> assertThat(reason).contains("ds-unknown").contains("never created"));

    // Replay: a fresh application, empty state, the same input from the beginning.
    start("replay", replayCutsTopic, replayItemsTopic);
    List<DatasetEvent> replayedCuts = awaitCuts(replayCutsTopic, 2);
    Map<Integer, List<DatasetVersionItem>> replayedItems = awaitItems(replayItemsTopic, replayedCuts);
    assertThat(replayedCuts).containsExactlyElementsOf(cuts);
    assertThat(replayedItems).isEqualTo(items);
  }

  private void assertCut(DatasetEvent cut, int version, List<DatasetVersionItem> items, String requestId) {
    var versionCut = cut.getVersionCut();
    assertThat(versionCut.getVersion()).isEqualTo(version);
    assertThat(versionCut.getRequestId()).isEqualTo(requestId);
    assertThat(versionCut.getItemCount()).isEqualTo(items.size());
    assertThat(versionCut.getContentHash()).isEqualTo(VersionHash.of(items)).hasSize(64);
    Map<String, Long> expected = items.stream().collect(Collectors.groupingBy(
        item -> item.getClassLabel() + "/" + item.getSplit(), Collectors.counting()));
    assertThat(versionCut.getCounts().stream().collect(Collectors.toMap(
        c -> c.getClassLabel() + "/" + c.getSplit(), c -> c.getCount()))).isEqualTo(expected);
    assertThat(items).allSatisfy(item -> {
      assertThat(item.getVersion()).isEqualTo(version);
      assertThat(item.getCausationId()).isEqualTo(cut.getCausationId());
    });
  }

  private List<String> members(java.util.function.IntPredicate labelled) {
    var ids = new ArrayList<String>();
    for (int i = 0; i < SAMPLES; i++) {
      if (i % 3 != 0 && i % 7 != 0 && labelled.test(i)) {
        ids.add(sampleId(i));
      }
    }
    ids.sort(Comparator.naturalOrder());
    return ids;
  }

  private void start(String name, String cutsTopic, String itemsTopicName) throws Exception {
    var settings = new ProcessorSettings(KAFKA.bootstrapServers(), "unused", dir.resolve("blobs").toString(),
        dir.resolve("state-" + name), Map.of(DeadLetters.TOPIC_CONFIG, deadLettersTopic,
        "application.id", TestTopics.unique("versioner-" + name)));
    var topics = new VersionerTopics(samplesTopic, labelsTopic, datasetsTopic, cutsTopic, itemsTopicName);
    var streams = new KafkaStreams(DatasetVersioner.build(topics, sampleSerde, labelSerde, datasetSerde, itemSerde, 6),
        settings.streamsConfig(DatasetVersioner.APPLICATION_ID));
    running.add(streams);
    streams.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING
        || streams.state() == KafkaStreams.State.ERROR);
    assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  private List<DatasetEvent> awaitCuts(String topic, int count) {
    var cuts = new ArrayList<DatasetEvent>();
    try (var consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null && record.value().length > 0 && record.value()[0] == 0) {
            DatasetEvent event = datasetSerde.deserializer().deserialize(topic, record.value());
            if (event.getKind() == DatasetEventKind.VERSION_CUT && event.getDatasetId().equals(datasetId)) {
              cuts.add(event);
            }
          }
        }
        assertThat(cuts).hasSizeGreaterThanOrEqualTo(count);
      });
    }
    assertThat(cuts).hasSize(count);
    cuts.sort(Comparator.comparingInt(c -> c.getVersionCut().getVersion()));
    return cuts;
  }

  /** Every version's items, each list sorted by sampleId; waits until each version has its cut's item count. */
  private Map<Integer, List<DatasetVersionItem>> awaitItems(String topic, List<DatasetEvent> cuts) {
    Map<Integer, List<DatasetVersionItem>> byVersion = new HashMap<>();
    try (var consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          DatasetVersionItem item = itemSerde.deserializer().deserialize(topic, record.value());
          assertThat(record.key()).isEqualTo(item.getDatasetId() + "/" + item.getVersion());
          byVersion.computeIfAbsent(item.getVersion(), v -> new ArrayList<>()).add(item);
        }
        for (DatasetEvent cut : cuts) {
          assertThat(byVersion.getOrDefault(cut.getVersionCut().getVersion(), List.of()))
              .hasSize((int) cut.getVersionCut().getItemCount());
        }
      });
    }
    assertThat(byVersion.keySet()).containsExactlyInAnyOrder(1, 2);
    byVersion.values().forEach(list -> list.sort(Comparator.comparing(DatasetVersionItem::getSampleId)));
    return byVersion;
  }

  private List<String> deadLetters() {
    var reasons = new ArrayList<String>();
    var props = new HashMap<>(KAFKA.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("dlq"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(deadLettersTopic));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> reasons.add(new String(
            r.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8)));
        assertThat(reasons).isNotEmpty();
      });
    }
    return reasons;
  }

  private KafkaConsumer<String, byte[]> consumer() {
    var props = new HashMap<>(KAFKA.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("reader"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private <V extends SpecificRecord> KafkaProducer<String, V> producer(Serde<V> serde) {
    return new KafkaProducer<>(KAFKA.clientProperties(), new StringSerializer(), serde.serializer());
  }

  private static <V> void send(KafkaProducer<String, V> producer, String topic, String key, V value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  private static String sampleId(int i) {
    return String.format("%064x", i * 7919L + 1);
  }

  private static String blobUri(String sampleId) {
    return "file:/blobs/sha256/" + sampleId.substring(0, 2) + "/" + sampleId;
  }

  private static SampleEvent uploaded(String tenant, String sampleId, List<String> tags) {
    return sample(tenant, sampleId, SampleEventKind.UPLOADED).setUploaded(SampleUploaded.newBuilder()
        .setBlobUri(blobUri(sampleId)).setContentType("image/png").setSizeBytes(100).setWidth(8).setHeight(8)
        .setTags(tags).setSource("http").build()).build();
  }

  private static SampleEvent assessed(String tenant, String sampleId, boolean passed) {
    return sample(tenant, sampleId, SampleEventKind.QUALITY_ASSESSED).setQuality(QualityAssessment.newBuilder()
        .setBrightness(100).setContrast(40).setSharpness(500).setBlurry(!passed).setOverExposed(false)
        .setUnderExposed(false).setPassed(passed).build()).build();
  }

  private static SampleEvent.Builder sample(String tenant, String sampleId, SampleEventKind kind) {
    return SampleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setOccurredAt(Instant.now()).setProducer("dataset-versioner-it").setSampleId(sampleId).setKind(kind);
  }

  private static LabelEvent made(String tenant, String sampleId, String labelId, String classLabel) {
    return label(tenant, sampleId, labelId, LabelEventKind.MADE).setClassLabel(classLabel).build();
  }

  private static LabelEvent retracted(String tenant, String sampleId, String labelId) {
    return label(tenant, sampleId, labelId, LabelEventKind.RETRACTED).build();
  }

  private static LabelEvent.Builder label(String tenant, String sampleId, String labelId, LabelEventKind kind) {
    return LabelEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setOccurredAt(Instant.now()).setProducer("dataset-versioner-it").setLabelId(labelId).setSampleId(sampleId)
        .setKind(kind).setAnnotator(Annotator.newBuilder().setType(AnnotatorType.PERSON).setId("ann-1").build());
  }

  private DatasetEvent created() {
    return dataset(datasetId, DatasetEventKind.CREATED).setRule(DatasetRule.newBuilder().setName("outdoor pets")
        .setTags(List.of("outdoor")).setClasses(List.of("cat", "dog")).setRequireQualityPassed(true).build()).build();
  }

  private static DatasetEvent requested(String id, String requestId) {
    return dataset(id, DatasetEventKind.VERSION_REQUESTED).setVersionRequest(VersionRequest.newBuilder()
        .setRequestId(requestId).setRequestedBy("it").build()).build();
  }

  private static DatasetEvent.Builder dataset(String id, DatasetEventKind kind) {
    return DatasetEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(TENANT)
        .setOccurredAt(Instant.now()).setProducer("dataset-versioner-it").setDatasetId(id).setKind(kind);
  }
}
