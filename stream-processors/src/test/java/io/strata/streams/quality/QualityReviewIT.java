package io.strata.streams.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.blobstore.BlobRef;
import io.strata.blobstore.LocalBlobStore;
import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import io.strata.streams.ProcessorSettings;
import io.strata.streams.deadletters.DeadLetters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality review on a real broker: uploads in, assessments out, failures in the dead letters. */
class QualityReviewIT {

  private static final EmbeddedKafka KAFKA = EmbeddedKafka.shared();

  @TempDir
  Path dir;

  private final String samplesTopic = TestTopics.unique("samples");
  private final String deadLettersTopic = TestTopics.unique("dead-letters");
  private final String scope = TestTopics.unique("registry");
  private final Serde<SampleEvent> serde = Topics.SAMPLES.valueSerde(InMemorySchemaRegistryClient.scoped(scope));
  private KafkaStreams streams;

  @AfterEach
  void stop() {
    if (streams != null) {
      streams.close(Duration.ofSeconds(30));
    }
    InMemorySchemaRegistryClient.dropScope(scope);
  }

  @Test
  void shouldAssessEachUploadOnceFlagNearDuplicatesAndDeadLetterWhatItCannotRead() throws Exception {
    KAFKA.createTopic(samplesTopic, 3);
    KAFKA.createTopic(deadLettersTopic, 1);
    var blobs = new LocalBlobStore(dir.resolve("blobs"));
    var photo = TestImages.photo(480, 360, 11);
    BlobRef original = put(blobs, TestImages.encode(photo, "jpg"));
    BlobRef smaller = put(blobs, TestImages.encode(TestImages.scaled(photo, 240, 180), "png"));
    BlobRef flat = put(blobs, TestImages.encode(TestImages.flat(100, 80, 128), "bmp"));
    BlobRef garbage = put(blobs, "these bytes are no image".getBytes(StandardCharsets.UTF_8));
    String missing = "0".repeat(64);

    var settings = new ProcessorSettings(KAFKA.bootstrapServers(), "unused", dir.resolve("blobs").toString(),
        dir.resolve("state"), Map.of(DeadLetters.TOPIC_CONFIG, deadLettersTopic,
        "application.id", TestTopics.unique("quality-review")));
    streams = new KafkaStreams(QualityReview.build(samplesTopic, serde, blobs, QualityThresholds.DEFAULTS, 2048),
        settings.streamsConfig(QualityReview.APPLICATION_ID));
    streams.start();

    try (var producer = new KafkaProducer<>(KAFKA.clientProperties(), new StringSerializer(), serde.serializer())) {
      for (var upload : List.of(
          uploaded("acme", original), uploaded("acme", smaller), uploaded("acme", flat),
          uploaded("acme", original), // the same upload event again: reviewed once
          uploaded("globex", original), // another tenant's copy is not a near-duplicate of acme's
          uploaded("acme", garbage), uploadedMissing("acme", missing))) {
        producer.send(new ProducerRecord<>(samplesTopic, upload.getSampleId(), upload)).get();
      }
    }
    try (var producer = new KafkaProducer<>(KAFKA.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(samplesTopic, "poison".getBytes(StandardCharsets.UTF_8),
          "not the wire format".getBytes(StandardCharsets.UTF_8))).get();
    }

    List<SampleEvent> assessments = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    try (var samples = consumer(new StringDeserializer(), new ByteArrayDeserializer());
        var dlq = consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      samples.subscribe(List.of(samplesTopic));
      dlq.subscribe(List.of(deadLettersTopic));
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        samples.poll(Duration.ofMillis(200)).forEach(r -> collectAssessment(r, assessments));
        dlq.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
        assertThat(assessments).hasSize(4);
        assertThat(deadLetters).hasSize(3);
      });
      // Nothing more arrives: the repeated upload was not reviewed twice.
      Thread.sleep(2_000);
      samples.poll(Duration.ofMillis(500)).forEach(r -> collectAssessment(r, assessments));
    }

    assertThat(assessments).hasSize(4);
    // The original and its smaller copy sit in different partitions of samples, so either may be reviewed
    // first: the later one is the near-duplicate of the earlier, which passes.
    QualityAssessment acmeOriginal = assessment(assessments, "acme", original.sha256());
    QualityAssessment acmeSmaller = assessment(assessments, "acme", smaller.sha256());
    assertThat(List.of(acmeOriginal, acmeSmaller)).satisfiesExactlyInAnyOrder(
        first -> assertThat(first.getNearDuplicateOf()).isNull(),
        later -> assertThat(later.getNearDuplicateOf()).isIn(original.sha256(), smaller.sha256()));
    var first = acmeOriginal.getNearDuplicateOf() == null ? acmeOriginal : acmeSmaller;
    var later = first == acmeOriginal ? acmeSmaller : acmeOriginal;
    assertThat(first.getPassed()).as("%s", first).isTrue();
    assertThat(first.getPerceptualHash()).hasSize(16);
    assertThat(later.getPassed()).isFalse();
    QualityAssessment acmeFlat = assessment(assessments, "acme", flat.sha256());
    assertThat(acmeFlat.getBlurry()).isTrue();
    assertThat(acmeFlat.getPassed()).isFalse();
    QualityAssessment globexOriginal = assessment(assessments, "globex", original.sha256());
    assertThat(globexOriginal.getNearDuplicateOf()).isNull();
    assertThat(assessments).allSatisfy(event -> {
      assertThat(event.getProducer()).isEqualTo(QualityReviewProcessor.PRODUCER);
      assertThat(event.getCausationId()).isNotNull();
    });

    assertThat(deadLetters).extracting(r -> header(r, DeadLetterHeaders.REASON)).anySatisfy(reason ->
        assertThat(reason).contains(garbage.sha256()).contains("no image reader"))
        .anySatisfy(reason -> assertThat(reason).contains(missing).contains("No blob with sha256"))
        .anySatisfy(reason -> assertThat(reason).contains("AvroSerdeException").contains("magic byte"));
    assertThat(deadLetters).allSatisfy(r -> {
      // Undecodable uploads fail after the repartition by tenant, so that is where they were read.
      assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).satisfiesAnyOf(
          topic -> assertThat(topic).isEqualTo(samplesTopic),
          topic -> assertThat(topic).endsWith("-" + QualityReview.BY_TENANT + "-repartition"));
      assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
      assertThat(header(r, DeadLetterHeaders.PROCESSOR)).contains("quality-review");
    });
    assertThat(deadLetters).anySatisfy(r ->
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("not the wire format"));
  }

  /** The assessments among the topic's records; the poison record written by the test itself is skipped. */
  private void collectAssessment(ConsumerRecord<String, byte[]> record, List<SampleEvent> assessments) {
    if (record.value() == null || record.value().length == 0 || record.value()[0] != 0) {
      return;
    }
    SampleEvent event = serde.deserializer().deserialize(record.topic(), record.value());
    if (event.getKind() == SampleEventKind.QUALITY_ASSESSED) {
      assessments.add(event);
    }
  }

  private static QualityAssessment assessment(List<SampleEvent> events, String tenant, String sampleId) {
    return events.stream()
        .filter(e -> e.getTenantId().equals(tenant) && e.getSampleId().equals(sampleId))
        .findFirst().orElseThrow(() -> new AssertionError("no assessment of " + tenant + "/" + sampleId))
        .getQuality();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static BlobRef put(LocalBlobStore blobs, byte[] bytes) throws IOException {
    return blobs.put(new ByteArrayInputStream(bytes), bytes.length);
  }

  private static SampleEvent uploaded(String tenant, BlobRef blob) {
    return upload(tenant, blob.sha256(), blob.uri().toString(), blob.sizeBytes());
  }

  private static SampleEvent uploadedMissing(String tenant, String sha256) {
    return upload(tenant, sha256, "file:/nowhere/" + sha256, 10);
  }

  private static SampleEvent upload(String tenant, String sampleId, String uri, long size) {
    return SampleEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setTenantId(tenant)
        .setOccurredAt(Instant.now())
        .setProducer("quality-review-it")
        .setSampleId(sampleId)
        .setKind(SampleEventKind.UPLOADED)
        .setUploaded(SampleUploaded.newBuilder()
            .setBlobUri(uri).setContentType("image/jpeg").setSizeBytes(size).setWidth(1).setHeight(1)
            .setSource("http").build())
        .build();
  }

  private static <K, V> KafkaConsumer<K, V> consumer(org.apache.kafka.common.serialization.Deserializer<K> keys,
      org.apache.kafka.common.serialization.Deserializer<V> values) {
    var props = new java.util.HashMap<>(KAFKA.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("reader"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, keys, values);
  }
}
