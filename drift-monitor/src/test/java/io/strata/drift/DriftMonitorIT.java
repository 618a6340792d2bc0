package io.strata.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.drift.stats.SeverityBands;
import io.strata.events.DriftReport;
import io.strata.events.DriftSeverity;
import io.strata.events.FeatureProfile;
import io.strata.events.ModelEvent;
import io.strata.events.ModelEventKind;
import io.strata.events.ModelPublished;
import io.strata.events.Prediction;
import io.strata.events.ReferenceProfile;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift job on a local MiniCluster against a real broker: a model version's reference profile, a window of
 * predictions drawn like it and a window shifted away from it; the reports (read committed) say so.
 */
class DriftMonitorIT {

  private static final long WINDOW = 10_000;
  private static final double[] EDGES = {0, 50, 100, 150, 200, 255};
  private static final double[] FRACTIONS = {0.1, 0.2, 0.4, 0.2, 0.1};

  private final EmbeddedKafka kafka = EmbeddedKafka.shared();

  @TempDir
  Path checkpoints;

  @Test
  void shouldReportNoDriftForReferenceLikePredictionsAndSevereDriftForShiftedOnes() throws Exception {
    String scope = TestTopics.unique("drift");
    var topics = new DriftSettings.DriftTopics(scope + "-predictions", scope + "-models", scope + "-drift-reports",
        scope + "-dead-letters");
    kafka.createTopic(topics.predictions(), 2);
    kafka.createTopic(topics.models(), 1);
    kafka.createTopic(topics.driftReports(), 1);
    kafka.createTopic(topics.deadLetters(), 1);
    var registry = InMemorySchemaRegistryClient.scoped(scope);
    long base = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();

    var props = new HashMap<String, Object>(kafka.clientProperties());
    try (var models = new KafkaProducer<>(props, new StringSerializer(), Topics.MODELS.valueSerde(registry)
        .serializer());
        var predictions = new KafkaProducer<>(props, new StringSerializer(), Topics.PREDICTIONS.valueSerde(registry)
            .serializer());
        var raw = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      models.send(new ProducerRecord<>(topics.models(), "acme/shapes", published(base - 60_000))).get();
      // Window 1: brightness spread exactly like the reference, classes half and half.
      int[] perBin = {5, 10, 20, 10, 5};
      int n = 0;
      for (int bin = 0; bin < perBin.length; bin++) {
        for (int i = 0; i < perBin[bin]; i++) {
          predictions.send(record(topics, base + 100L * n, EDGES[bin] + 10, n % 2 == 0 ? "circle" : "square"));
          n++;
        }
      }
      // Window 2: every image bright and called a circle.
      for (int i = 0; i < 50; i++) {
        predictions.send(record(topics, base + WINDOW + 100L * i, 240, "circle"));
      }
      raw.send(new ProducerRecord<>(topics.predictions(), "x".getBytes(), "not avro".getBytes(StandardCharsets.UTF_8)));
      // Later than both windows' ends plus the allowed lateness: moves the watermark past them.
      predictions.send(record(topics, base + 4 * WINDOW, 120, "square")).get();
      predictions.flush();
    }

    var settings = new DriftSettings(kafka.bootstrapServers(), "mock://" + scope, topics, Duration.ofMillis(WINDOW),
        Duration.ofSeconds(1), Duration.ofMillis(500), checkpoints, scope + "-drift", SeverityBands.defaults());
    var env = StreamExecutionEnvironment.getExecutionEnvironment(DriftJob.configuration(settings));
    env.setParallelism(1);
    DriftJob.build(env, settings, "drift-it");
    JobClient job = env.executeAsync(DriftJob.NAME);
    try {
      List<DriftReport> reports = new ArrayList<>();
      List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
      try (var consumer = consumer(); var letters = consumer()) {
        consumer.subscribe(List.of(topics.driftReports()));
        letters.subscribe(List.of(topics.deadLetters()));
        var deserializer = Topics.DRIFT_REPORTS.valueSerde(registry).deserializer();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> reports.add(deserializer.deserialize(r.topic(),
              r.value())));
          letters.poll(Duration.ofMillis(10)).forEach(deadLetters::add);
          return reports.size() >= 2 && !deadLetters.isEmpty();
        });
      }
      // The trailing prediction's own window may be reported too once idleness lets the watermark pass it: one
      // prediction is too few to judge.
      assertThat(reports).filteredOn(r -> r.getWindowStart().toEpochMilli() > base + WINDOW)
          .allSatisfy(r -> assertThat(r.getSeverity()).isEqualTo(DriftSeverity.UNKNOWN));
      DriftReport like = reports.stream().filter(r -> r.getWindowStart().toEpochMilli() == base).findFirst()
          .orElseThrow();
      DriftReport shifted = reports.stream().filter(r -> r.getWindowStart().toEpochMilli() == base + WINDOW)
          .findFirst().orElseThrow();
      assertThat(like.getPredictionCount()).isEqualTo(50);
      assertThat(like.getSeverity()).isEqualTo(DriftSeverity.NONE);
      assertThat(like.getFeatures()).singleElement().satisfies(f -> {
        assertThat(f.getName()).isEqualTo("brightness");
        assertThat(f.getPsi()).isLessThan(0.01);
      });
      assertThat(shifted.getPredictionCount()).isEqualTo(50);
      assertThat(shifted.getSeverity()).isEqualTo(DriftSeverity.SEVERE);
      assertThat(shifted.getFeatures().get(0).getPsi()).isGreaterThan(0.25);
      assertThat(shifted.getFeatures().get(0).getKsStatistic()).isGreaterThan(0.8);
      assertThat(shifted.getClassDistributionPsi()).isGreaterThan(0.25);
      assertThat(shifted.getTenantId()).isEqualTo("acme");
      assertThat(shifted.getEventId()).isEqualTo(UUID.nameUUIDFromBytes(("drift:acme/shapes/1:" + (base + WINDOW))
          .getBytes(StandardCharsets.UTF_8)).toString());
      assertThat(deadLetters).singleElement().satisfies(letter -> {
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(),
            StandardCharsets.UTF_8)).isEqualTo(topics.predictions());
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.REASON)).isNotNull();
      });
    } finally {
      job.cancel().get();
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    var props = new HashMap<String, Object>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("drift-it"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static ProducerRecord<String, Prediction> record(DriftSettings.DriftTopics topics, long at,
      double brightness, String predictedClass) {
    return new ProducerRecord<>(topics.predictions(), "acme/shapes/1", Prediction.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setTenantId("acme").setOccurredAt(Instant.ofEpochMilli(at))
        .setProducer("it").setRequestId(UUID.randomUUID().toString()).setModelName("shapes").setModelVersion(1)
        .setFeatures(Map.of("brightness", brightness, "width", 64.0)).setPredictedClass(predictedClass)
        .setConfidence(0.9).setClassScores(Map.of()).build());
  }

  private static ModelEvent published(long at) {
    var profile = ReferenceProfile.newBuilder().setFeatures(List.of(FeatureProfile.newBuilder().setName("brightness")
            .setBinEdges(toList(EDGES)).setBinFractions(toList(FRACTIONS)).build()))
        .setClassDistribution(Map.of("circle", 0.5, "square", 0.5)).build();
    return ModelEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId("acme")
        .setOccurredAt(Instant.ofEpochMilli(at)).setProducer("it").setModelName("shapes").setVersion(1)
        .setKind(ModelEventKind.VERSION_PUBLISHED).setPublished(ModelPublished.newBuilder().setJobId("job-1")
            .setDatasetId("ds").setDatasetVersion(1).setArtifactUri("blob:sha256/x").setArtifactSha256("x")
            .setFramework("djl-pytorch-2.7.1").setClasses(List.of("circle", "square")).setMetrics(Map.of())
            .setReferenceProfile(profile).build()).build();
  }

  private static List<Double> toList(double[] values) {
    var list = new ArrayList<Double>();
    for (double v : values) {
      list.add(v);
    }
    return list;
  }
}
