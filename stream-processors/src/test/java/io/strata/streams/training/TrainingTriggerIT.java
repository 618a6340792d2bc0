package io.strata.streams.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.events.Annotator;
import io.strata.events.AnnotatorType;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.DatasetRule;
import io.strata.events.DatasetVersionItem;
import io.strata.events.DriftReport;
import io.strata.events.DriftSeverity;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingPolicy;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import io.strata.streams.ProcessorSettings;
import io.strata.streams.datasets.DatasetVersioner;
import io.strata.streams.datasets.VersionerTopics;
import io.strata.streams.deadletters.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger and the real dataset versioner together on a real broker: labels reach the policy's threshold → a
 * version request → the versioner's cut → exactly one job; a drift report at the threshold → another version and
 * a drift job; duplicated inputs and a restart from the changelog start no second job; a fresh trigger replaying
 * the log from the beginning requests the very same jobs.
 */
class TrainingTriggerIT {

  private static final EmbeddedKafka KAFKA = EmbeddedKafka.shared();
  private static final String TENANT = "acme";

  @TempDir
  Path dir;

  private final String samplesTopic = TestTopics.unique("samples");
  private final String labelsTopic = TestTopics.unique("labels");
  private final String datasetsTopic = TestTopics.unique("datasets");
  private final String itemsTopic = TestTopics.unique("items");
  private final String driftTopic = TestTopics.unique("drift-reports");
  private final String jobsTopic = TestTopics.unique("training-jobs");
  private final String replayRequestsTopic = TestTopics.unique("replay-requests");
  private final String replayJobsTopic = TestTopics.unique("replay-jobs");
  private final String deadLettersTopic = TestTopics.unique("dead-letters");
  private final String scope = TestTopics.unique("registry");
  private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.scoped(scope);
  private final Serde<SampleEvent> sampleSerde = Topics.SAMPLES.valueSerde(registry);
  private final Serde<LabelEvent> labelSerde = Topics.LABELS.valueSerde(registry);
  private final Serde<DatasetEvent> datasetSerde = Topics.DATASETS.valueSerde(registry);
  private final Serde<DatasetVersionItem> itemSerde = Topics.DATASET_VERSION_ITEMS.valueSerde(registry);
  private final Serde<DriftReport> driftSerde = Topics.DRIFT_REPORTS.valueSerde(registry);
  private final Serde<TrainingJobEvent> jobSerde = Topics.TRAINING_JOBS.valueSerde(registry);
  private final List<KafkaStreams> running = new ArrayList<>();
  private final String datasetId = "ds-" + UUID.randomUUID();
  private final String triggerId = TestTopics.unique("trigger");

  @AfterEach
  void stop() {
    running.forEach(streams -> streams.close(Duration.ofSeconds(30)));
    InMemorySchemaRegistryClient.dropScope(scope);
  }

  @Test
  void shouldRequestOneJobPerTriggeredVersionAndPolicy() throws Exception {
    KAFKA.createTopic(samplesTopic, 6, Topics.SAMPLES.configs());
    KAFKA.createTopic(labelsTopic, 6, Topics.LABELS.configs());
    KAFKA.createTopic(datasetsTopic, 3, Topics.DATASETS.configs());
    KAFKA.createTopic(driftTopic, 3, Topics.DRIFT_REPORTS.configs());
    KAFKA.createTopic(jobsTopic, 3, Topics.TRAINING_JOBS.configs());
    KAFKA.createTopic(itemsTopic, 6);
    KAFKA.createTopic(replayRequestsTopic, 3);
    KAFKA.createTopic(replayJobsTopic, 3);
    KAFKA.createTopic(deadLettersTopic, 1);
    startVersioner();
    KafkaStreams trigger = startTrigger(triggerId, "live", new TriggerTopics(labelsTopic, datasetsTopic, driftTopic,
        datasetsTopic, jobsTopic));

    try (var samples = producer(sampleSerde); var labels = producer(labelSerde);
        var datasets = producer(datasetSerde); var drift = producer(driftSerde);
        var datasetLog = new TopicLog<>(datasetsTopic, datasetSerde);
        var jobLog = new TopicLog<>(jobsTopic, jobSerde)) {
      send(datasets, datasetsTopic, datasetId, created(datasetId, 3));
      // A policy the trigger cannot apply goes to its dead letters (the versioner still defines the dataset).
      send(datasets, datasetsTopic, "ds-bad-" + datasetId, created("ds-bad-" + datasetId, 0));
      awaitDefined(trigger);

      for (int i = 0; i < 8; i++) {
        send(samples, samplesTopic, sampleId(i), uploaded(TENANT, sampleId(i)));
      }
      send(labels, labelsTopic, sampleId(3), made(TENANT, sampleId(3), "bird")); // not among the rule's classes
      send(labels, labelsTopic, sampleId(4), made("globex", sampleId(4), "cat")); // another tenant's
      send(labels, labelsTopic, sampleId(0), made(TENANT, sampleId(0), "cat"));
      send(labels, labelsTopic, sampleId(1), made(TENANT, sampleId(1), "dog"));
      send(labels, labelsTopic, sampleId(2), made(TENANT, sampleId(2), "cat"));

      // 3 counted labels → version request → the versioner's cut → one new-labels job on that version.
      String firstRequest = TriggerIds.requestId(Policy.NEW_LABELS, datasetId, 1);
      DatasetEvent request = datasetLog.await(e -> e.getKind() == DatasetEventKind.VERSION_REQUESTED
          && e.getDatasetId().equals(datasetId), 1).get(0);
      assertThat(request.getVersionRequest().getRequestId()).isEqualTo(firstRequest);
      assertThat(request.getTenantId()).isEqualTo(TENANT);
      DatasetEvent v1 = datasetLog.await(cutOf(firstRequest), 1).get(0);
      assertThat(v1.getVersionCut().getVersion()).isEqualTo(1);
      assertThat(v1.getVersionCut().getItemCount()).isEqualTo(3);
      assertThat(v1.getVersionCut().getAsOf()).isNotNull();
      TrainingJobEvent job1 = jobLog.await(job -> true, 1).get(0);
      assertJob(job1, 1, Policy.NEW_LABELS, v1);

      // Drift below the threshold does nothing; at the threshold → another version and a drift job.
      send(drift, driftTopic, "pets/1", report("pets", 1, DriftSeverity.LOW));
      DriftReport moderate = report("pets", 1, DriftSeverity.MODERATE);
      send(drift, driftTopic, "pets/1", moderate);
      String driftRequest = TriggerIds.requestId(Policy.DRIFT, datasetId, 1);
      DatasetEvent v2 = datasetLog.await(cutOf(driftRequest), 1).get(0);
      assertThat(v2.getVersionCut().getVersion()).isEqualTo(2);
      assertJob(jobLog.await(job -> job.getRequest().getDatasetVersion() == 2, 1).get(0), 2, Policy.DRIFT, v2);

      // Duplicates: the v1 cut and the drift report read twice, the first request appended twice.
      send(datasets, datasetsTopic, datasetId, v1);
      send(datasets, datasetsTopic, datasetId, request);
      send(drift, driftTopic, "pets/1", moderate);
      // A restart from the changelog (state directory wiped) remembers what it requested and started.
      trigger.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(30)));
      running.remove(trigger);
      trigger = startTrigger(triggerId, "restarted", new TriggerTopics(labelsTopic, datasetsTopic, driftTopic,
          datasetsTopic, jobsTopic));
      // Three more labels: the second new-labels version, after every duplicate on the datasets partition.
      for (int i = 5; i < 8; i++) {
        send(labels, labelsTopic, sampleId(i), made(TENANT, sampleId(i), "dog"));
      }
      DatasetEvent v3 = datasetLog.await(cutOf(TriggerIds.requestId(Policy.NEW_LABELS, datasetId, 2)), 1).get(0);
      assertThat(v3.getVersionCut().getVersion()).isEqualTo(3);
      assertThat(v3.getVersionCut().getItemCount()).isEqualTo(6);
      assertJob(jobLog.await(job -> job.getRequest().getDatasetVersion() == 3, 1).get(0), 3, Policy.NEW_LABELS, v3);
      Thread.sleep(3000); // let anything a duplicate might have caused arrive
      assertThat(jobLog.read(job -> true)).as("no second job for a version and policy").hasSize(3);
      List<TrainingJobEvent> jobs = jobLog.read(job -> true);
      assertThat(jobs).extracting(TrainingJobEvent::getJobId).doesNotHaveDuplicates();
      assertThat(datasetLog.read(e -> e.getKind() == DatasetEventKind.VERSION_CUT
          && e.getDatasetId().equals(datasetId))).hasSize(4); // v1, v2, v3 and the v1 copy sent above
      assertThat(datasetLog.read(e -> e.getKind() == DatasetEventKind.VERSION_REQUESTED
          && e.getDatasetId().equals(datasetId)))
          .extracting(e -> e.getVersionRequest().getRequestId())
          .containsExactly(firstRequest, driftRequest, firstRequest, TriggerIds.requestId(Policy.NEW_LABELS,
              datasetId, 2));

      assertThat(deadLetters()).anySatisfy(reason -> assertThat(reason).contains("ds-bad-")
          .contains("newLabels must be at least 1"));

      // A fresh trigger (new application, empty state) replaying the log requests the very same jobs.
      startTrigger(TestTopics.unique("trigger-replay"), "replay", new TriggerTopics(labelsTopic, datasetsTopic,
          driftTopic, replayRequestsTopic, replayJobsTopic));
      try (var replayJobs = new TopicLog<>(replayJobsTopic, jobSerde)) {
        assertThat(replayJobs.await(job -> true, 3)).containsExactlyInAnyOrderElementsOf(jobs);
      }
    }
  }

  private void assertJob(TrainingJobEvent job, int version, String policy, DatasetEvent cut) {
    assertThat(job.getKind()).isEqualTo(TrainingJobEventKind.REQUESTED);
    assertThat(job.getJobId()).isEqualTo(TriggerIds.jobId(datasetId, version, policy));
    assertThat(job.getTenantId()).isEqualTo(TENANT);
    assertThat(job.getCausationId()).isEqualTo(cut.getEventId());
    var request = job.getRequest();
    assertThat(request.getDatasetId()).isEqualTo(datasetId);
    assertThat(request.getDatasetVersion()).isEqualTo(version);
    assertThat(request.getPolicy()).isEqualTo(policy);
    assertThat(request.getTrainer()).isEqualTo("builtin");
    assertThat(request.getGpus()).isEqualTo(1);
    assertThat(request.getHyperparameters()).isEqualTo(Map.of("epochs", "2"));
    assertThat(request.getModelName()).isEqualTo("pets");
  }

  private Predicate<DatasetEvent> cutOf(String requestId) {
    return e -> e.getKind() == DatasetEventKind.VERSION_CUT && e.getDatasetId().equals(datasetId)
        && requestId.equals(e.getVersionCut().getRequestId());
  }

  private void awaitDefined(KafkaStreams trigger) {
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> trigger.store(
        StoreQueryParameters.fromNameAndType(TrainingTrigger.STATE_STORE,
            QueryableStoreTypes.<String, DatasetTrigger>keyValueStore())).get(TENANT + "\u0000" + datasetId) != null);
  }

  private void startVersioner() throws Exception {
    var topics = new VersionerTopics(samplesTopic, labelsTopic, datasetsTopic, datasetsTopic, itemsTopic);
    start(DatasetVersioner.build(topics, sampleSerde, labelSerde, datasetSerde, itemSerde, 6),
        DatasetVersioner.streamsConfig(settings(TestTopics.unique("versioner"), "versioner")));
  }

  private KafkaStreams startTrigger(String applicationId, String stateName, TriggerTopics topics) throws Exception {
    return start(TrainingTrigger.build(topics, datasetSerde, labelSerde, driftSerde, jobSerde),
        settings(applicationId, "trigger-" + stateName).streamsConfig(TrainingTrigger.APPLICATION_ID));
  }

  private ProcessorSettings settings(String applicationId, String stateName) {
    return new ProcessorSettings(KAFKA.bootstrapServers(), "unused", dir.resolve("blobs").toString(),
        dir.resolve("state-" + stateName), Map.of(DeadLetters.TOPIC_CONFIG, deadLettersTopic,
        "application.id", applicationId));
  }

  private KafkaStreams start(org.apache.kafka.streams.Topology topology, java.util.Properties config) {
    var streams = new KafkaStreams(topology, config);
    running.add(streams);
    streams.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING
        || streams.state() == KafkaStreams.State.ERROR);
    assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    return streams;
  }

  /** Everything committed to a topic so far, read by one consumer from the beginning. */
  private final class TopicLog<V> implements AutoCloseable {
    private final String topic;
    private final Serde<V> serde;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<V> seen = new ArrayList<>();

    TopicLog(String topic, Serde<V> serde) {
      this.topic = topic;
      this.serde = serde;
      var props = new HashMap<>(KAFKA.clientProperties());
      props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("reader"));
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
      consumer.subscribe(List.of(topic));
    }

    /** Waits until {@code count} records match, then returns those that match (in the order read). */
    List<V> await(Predicate<V> matching, int count) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> read(matching).size() >= count);
      return read(matching);
    }

    List<V> read(Predicate<V> matching) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        seen.add(serde.deserializer().deserialize(topic, record.value()));
      }
      return seen.stream().filter(matching).toList();
    }

    @Override
    public void close() {
      consumer.close();
    }
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

  private <V extends SpecificRecord> KafkaProducer<String, V> producer(Serde<V> serde) {
    return new KafkaProducer<>(KAFKA.clientProperties(), new StringSerializer(), serde.serializer());
  }

  private static <V> void send(KafkaProducer<String, V> producer, String topic, String key, V value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  private static String sampleId(int i) {
    return String.format("%064x", i * 104729L + 7);
  }

  private static SampleEvent uploaded(String tenant, String sampleId) {
    return SampleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setOccurredAt(Instant.now()).setProducer("training-trigger-it").setSampleId(sampleId)
        .setKind(SampleEventKind.UPLOADED).setUploaded(SampleUploaded.newBuilder()
            .setBlobUri("file:/blobs/sha256/" + sampleId).setContentType("image/png").setSizeBytes(100).setWidth(8)
            .setHeight(8).setTags(List.of()).setSource("http").build()).build();
  }

  private static LabelEvent made(String tenant, String sampleId, String classLabel) {
    return LabelEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setOccurredAt(Instant.now()).setProducer("training-trigger-it").setLabelId(UUID.randomUUID().toString())
        .setSampleId(sampleId).setKind(LabelEventKind.MADE).setClassLabel(classLabel)
        .setAnnotator(Annotator.newBuilder().setType(AnnotatorType.PERSON).setId("ann-1").build()).build();
  }

  private static DriftReport report(String model, int version, DriftSeverity severity) {
    Instant now = Instant.now();
    return DriftReport.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(TENANT).setOccurredAt(now)
        .setProducer("training-trigger-it").setModelName(model).setModelVersion(version)
        .setWindowStart(now.minusSeconds(60)).setWindowEnd(now).setPredictionCount(500).setFeatures(List.of())
        .setClassDistributionPsi(0.3).setSeverity(severity).build();
  }

  private static DatasetEvent created(String id, int newLabels) {
    return DatasetEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(TENANT)
        .setOccurredAt(Instant.now()).setProducer("training-trigger-it").setDatasetId(id)
        .setKind(DatasetEventKind.CREATED).setRule(DatasetRule.newBuilder().setName("pets")
            .setClasses(List.of("cat", "dog"))
            .setTrainingPolicy(TrainingPolicy.newBuilder().setNewLabels(newLabels)
                .setDriftSeverity(DriftSeverity.MODERATE).setModelName("pets").setTrainer("builtin").setGpus(1)
                .setHyperparameters(Map.of("epochs", "2")).build())
            .build())
        .build();
  }
}
