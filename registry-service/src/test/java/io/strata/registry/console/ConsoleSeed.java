package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.blobstore.BlobRef;
import io.strata.blobstore.LocalBlobStore;
import io.strata.events.ClassSplitCount;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingOutcome;
import io.strata.events.TrainingProgress;
import io.strata.events.TrainingRequest;
import io.strata.events.VersionCut;
import io.strata.registry.testing.ControlPlaneFixture;
import io.strata.schemas.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A registry with the control plane, datasets and models enabled on the shared broker, seeded the way the
 * versioner and the trainer launcher would: a dataset with two cut versions and their items, a succeeded job with
 * per-epoch progress (auto-published as a model, then promoted), and a running job.
 */
final class ConsoleSeed implements AutoCloseable {

  static final String DATASETS_TOPIC = "strata.datasets.topic";
  static final String ITEMS_TOPIC = "strata.datasets.items-topic";
  static final String JOBS_TOPIC = "strata.training-jobs.topic";
  static final String SAMPLES_TOPIC = "strata.samples.topic";
  /** File name of a seeded sample, to check that the console escapes it. */
  static final String SCRIPT_FILENAME = "<script>alert(2)</script>.png";

  final ControlPlaneFixture fixture;
  final String datasetId = "pets-" + System.nanoTime();
  final String modelName = "pets-classifier";
  final String succeededJob = UUID.randomUUID().toString();
  final String runningJob = UUID.randomUUID().toString();
  /** Tenant A's samples, in upload order; the last two failed quality review. */
  final List<String> samplesA = new java.util.ArrayList<>();
  /** Tenant B's one sample. */
  String sampleB;
  private final LocalBlobStore blobs;

  ConsoleSeed() throws IOException {
    var blobDir = Files.createTempDirectory("strata-console-it-");
    blobs = new LocalBlobStore(blobDir);
    var topics = new LinkedHashMap<String, Integer>();
    topics.put(DATASETS_TOPIC, 3);
    topics.put(ITEMS_TOPIC, 3);
    topics.put("strata.models.topic", 3);
    topics.put(JOBS_TOPIC, 3);
    topics.put(SAMPLES_TOPIC, 6);
    fixture = new ControlPlaneFixture(topics, Map.of("strata.blob-store", blobDir.toString()));
  }

  /** Creates the dataset, cuts versions 1 and 2, runs two jobs; returns once the model is published. */
  ConsoleSeed seed() throws IOException {
    var created = fixture.operator("POST", "/v1/datasets", "{\"tenantId\":\"" + fixture.tenantA
        + "\",\"datasetId\":\"" + datasetId + "\",\"name\":\"pets\",\"classes\":[\"cat\",\"dog\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    var kafka = new HashMap<String, Object>(Map.of("bootstrap.servers", fixture.kafka.bootstrapServers()));
    var serde = fixture.serdeConfig();
    try (var datasets = new KafkaProducer<>(kafka, new StringSerializer(),
            Topics.DATASETS.valueSerde(serde).serializer());
        var items = new KafkaProducer<>(kafka, new StringSerializer(),
            Topics.DATASET_VERSION_ITEMS.valueSerde(serde).serializer());
        var jobs = new KafkaProducer<>(kafka, new StringSerializer(), Topics.TRAINING_JOBS.valueSerde(serde).serializer())) {
      cut(datasets, items, 1, List.of(item("s1", "cat", Split.TRAIN), item("s2", "dog", Split.TRAIN),
          item("s3", "dog", Split.VALIDATION)));
      cut(datasets, items, 2, List.of(item("s1", "cat", Split.TRAIN), item("s2", "cat", Split.TRAIN),
          item("s4", "dog", Split.TRAIN), item("s5", "cat", Split.TEST)));
      BlobRef artifact = artifact();
      send(jobs, JOBS_TOPIC, succeededJob, job(succeededJob).setKind(TrainingJobEventKind.REQUESTED)
          .setRequest(request()).build());
      send(jobs, JOBS_TOPIC, succeededJob, job(succeededJob).setKind(TrainingJobEventKind.STARTED).build());
      double[][] epochs = {{1.2, 0.55}, {0.8, 0.7}, {0.5, 0.82}, {0.35, 0.9}};
      for (int e = 0; e < epochs.length; e++) {
        send(jobs, JOBS_TOPIC, succeededJob, progress(succeededJob, e + 1, epochs[e][0], epochs[e][1]));
      }
      send(jobs, JOBS_TOPIC, succeededJob, job(succeededJob).setKind(TrainingJobEventKind.SUCCEEDED)
          .setOutcome(new TrainingOutcome(artifact.uri().toString(), artifact.sha256(), Map.of("loss", 0.35)))
          .build());
      send(jobs, JOBS_TOPIC, runningJob, job(runningJob).setKind(TrainingJobEventKind.REQUESTED)
          .setRequest(request()).build());
      send(jobs, JOBS_TOPIC, runningJob, job(runningJob).setKind(TrainingJobEventKind.SCHEDULED)
          .setPlacement(new io.strata.events.Placement("local", List.of(new io.strata.events.NodeGpus("gpu-node-1",
              List.of(0, 1))))).build());
      send(jobs, JOBS_TOPIC, runningJob, job(runningJob).setKind(TrainingJobEventKind.STARTED).build());
      send(jobs, JOBS_TOPIC, runningJob, progress(runningJob, 1, 1.1, 0.5));
      send(jobs, JOBS_TOPIC, runningJob, progress(runningJob, 2, 0.9, 0.6));
    }
    String model = "/v1/models/" + modelName + "?tenantId=" + fixture.tenantA;
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.operator("GET", model, null).status() == 200);
    await().atMost(Duration.ofSeconds(30)).until(() -> fixture.operator("GET", "/v1/datasets/" + datasetId
        + "/versions", null).json().path("versions").size() == 2);
    var promoted = fixture.operator("POST", "/v1/models/" + modelName + "/versions/1/stage?tenantId="
        + fixture.tenantA, "{\"stage\":\"PRODUCTION\",\"reason\":\"best accuracy so far\"}");
    assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
    return this;
  }

  /**
   * Stores real PNG images in the blob store and appends their UPLOADED and QUALITY_ASSESSED events as the ingest
   * gateway and the quality-review processor would: six for tenant A (the last two fail review: blurry, and
   * under-exposed with a file name that is a script tag) and one for tenant B.
   */
  ConsoleSeed seedSamples() throws IOException {
    var kafka = new HashMap<String, Object>(Map.of("bootstrap.servers", fixture.kafka.bootstrapServers()));
    try (var samples = new KafkaProducer<>(kafka, new StringSerializer(),
        Topics.SAMPLES.valueSerde(fixture.serdeConfig()).serializer())) {
      Instant start = Instant.now().minusSeconds(600);
      java.awt.Color[] colors = {new java.awt.Color(0x2457c5), new java.awt.Color(0xc5412b),
          new java.awt.Color(0x17753a), new java.awt.Color(0x9a6700), new java.awt.Color(0x6b3fa0),
          new java.awt.Color(0x202020)};
      for (int i = 0; i < colors.length; i++) {
        boolean failed = i >= 4;
        String name = i == 5 ? SCRIPT_FILENAME : "pet-" + (i + 1) + ".png";
        samplesA.add(sample(samples, fixture.tenantA, png(colors[i], 320 + 40 * i, 240), name,
            start.plusSeconds(60L * i), failed ? (i == 4 ? "blurry" : "dark") : null));
      }
      sampleB = sample(samples, fixture.tenantB, png(java.awt.Color.ORANGE, 200, 200), "other-tenant.png",
          start, null);
    }
    return this;
  }

  private String sample(KafkaProducer<String, io.strata.events.SampleEvent> producer, String tenantId, byte[] png,
      String filename, Instant at, String problem) throws IOException {
    BlobRef blob = blobs.put(new ByteArrayInputStream(png), 1 << 20);
    String id = blob.sha256();
    var uploaded = io.strata.events.SampleUploaded.newBuilder().setBlobUri(blob.uri().toString())
        .setContentType("image/png").setSizeBytes(png.length).setWidth(0).setHeight(0).setDataset("pets")
        .setTags(List.of()).setSource("http").setOriginalFilename(filename).build();
    var image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
    uploaded.setWidth(image.getWidth());
    uploaded.setHeight(image.getHeight());
    send(producer, SAMPLES_TOPIC, id, sampleEvent(tenantId, id, at).setKind(io.strata.events.SampleEventKind.UPLOADED)
        .setUploaded(uploaded).build());
    var quality = io.strata.events.QualityAssessment.newBuilder().setBrightness("dark".equals(problem) ? 12.5 : 118.0)
        .setContrast(41.2).setSharpness("blurry".equals(problem) ? 3.1 : 812.4).setBlurry("blurry".equals(problem))
        .setOverExposed(false).setUnderExposed("dark".equals(problem)).setPerceptualHash("0f0f0f0f0f0f0f0f")
        .setNearDuplicateOf(null).setPassed(problem == null).build();
    send(producer, SAMPLES_TOPIC, id, sampleEvent(tenantId, id, at.plusSeconds(1))
        .setKind(io.strata.events.SampleEventKind.QUALITY_ASSESSED).setQuality(quality).build());
    return id;
  }

  private static io.strata.events.SampleEvent.Builder sampleEvent(String tenantId, String sampleId, Instant at) {
    return io.strata.events.SampleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenantId)
        .setOccurredAt(at).setProducer("test-ingest").setSampleId(sampleId);
  }

  /** A real PNG: a coloured gradient with a white circle, so screenshots show something recognisable. */
  private static byte[] png(java.awt.Color color, int width, int height) throws IOException {
    var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, color, width, height, color.brighter().brighter()));
    g.fillRect(0, 0, width, height);
    g.setColor(java.awt.Color.WHITE);
    g.fillOval(width / 3, height / 4, width / 3, height / 2);
    g.dispose();
    var out = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** Appends a PROGRESS report of the running job, as the trainer would mid-run. */
  void reportRunningProgress(int epoch, double loss, double accuracy) {
    var kafka = new HashMap<String, Object>(Map.of("bootstrap.servers", fixture.kafka.bootstrapServers()));
    try (var jobs = new KafkaProducer<>(kafka, new StringSerializer(),
        Topics.TRAINING_JOBS.valueSerde(fixture.serdeConfig()).serializer())) {
      send(jobs, JOBS_TOPIC, runningJob, progress(runningJob, epoch, loss, accuracy));
    }
  }

  private void cut(KafkaProducer<String, DatasetEvent> datasets, KafkaProducer<String, DatasetVersionItem> items,
      int version, List<DatasetVersionItem.Builder> planned) {
    var counts = new LinkedHashMap<String, Long>();
    for (var item : planned) {
      var value = item.setEventId("item-" + version + item.getSampleId()).setTenantId(fixture.tenantA)
          .setOccurredAt(Instant.now()).setProducer("test-versioner").setDatasetId(datasetId).setVersion(version)
          .build();
      counts.merge(value.getClassLabel() + "\u0000" + value.getSplit().name(), 1L, Long::sum);
      send(items, ITEMS_TOPIC, datasetId + "/" + version, value);
    }
    var cut = VersionCut.newBuilder().setVersion(version).setContentHash("sha256-of-version-" + version)
        .setItemCount(planned.size()).setCounts(counts.entrySet().stream().map(e -> {
          String[] key = e.getKey().split("\u0000");
          return new ClassSplitCount(key[0], Split.valueOf(key[1]), e.getValue());
        }).toList()).setRequestId("req-" + version).setAsOf(Instant.now()).build();
    send(datasets, DATASETS_TOPIC, datasetId, DatasetEvent.newBuilder().setEventId("cut-" + datasetId + version)
        .setTenantId(fixture.tenantA).setOccurredAt(Instant.now()).setProducer("test-versioner")
        .setDatasetId(datasetId).setKind(DatasetEventKind.VERSION_CUT).setVersionCut(cut).build());
  }

  private static DatasetVersionItem.Builder item(String sampleId, String classLabel, Split split) {
    return DatasetVersionItem.newBuilder().setEventId("planned").setTenantId("planned").setOccurredAt(Instant.EPOCH)
        .setProducer("planned").setDatasetId("planned").setVersion(0).setSampleId(sampleId)
        .setBlobUri("blob://sha256/" + sampleId).setSplit(split).setClassLabel(classLabel);
  }

  private TrainingRequest request() {
    return TrainingRequest.newBuilder().setDatasetId(datasetId).setDatasetVersion(2).setPolicy("manual")
        .setTrainer("builtin:image-classifier").setGpus(2).setModelName(modelName).build();
  }

  private TrainingJobEvent progress(String jobId, int epoch, double loss, double accuracy) {
    return job(jobId).setKind(TrainingJobEventKind.PROGRESS)
        .setProgress(new TrainingProgress(epoch, loss, Map.of("accuracy", accuracy))).build();
  }

  private TrainingJobEvent.Builder job(String jobId) {
    return TrainingJobEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(fixture.tenantA)
        .setOccurredAt(Instant.now()).setProducer("test-launcher").setJobId(jobId);
  }

  private <V> void send(KafkaProducer<String, V> producer, String topicKey, String key, V value) {
    try {
      producer.send(new ProducerRecord<>(fixture.topic(topicKey), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A real artifact: a zip with model.json and a parameter file, as the built-in trainer writes it. */
  private BlobRef artifact() throws IOException {
    String manifest = "{\"format\":\"strata-model/1\",\"framework\":\"djl-pytorch-2.7.1\",\"architecture\":\"mlp\","
        + "\"imageSize\":28,\"classes\":[\"cat\",\"dog\"],\"metrics\":{\"accuracy\":0.9},"
        + "\"datasetId\":\"" + datasetId + "\",\"datasetVersion\":2,\"jobId\":\"" + succeededJob + "\","
        + "\"parameters\":\"model-0000.params\",\"referenceProfile\":{\"features\":[{\"name\":\"brightness\","
        + "\"binEdges\":[0,128,255],\"binFractions\":[0.4,0.6]}],\"classDistribution\":{\"cat\":0.5,\"dog\":0.5}}}";
    var zip = new ByteArrayOutputStream();
    try (var out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("model-0000.params"));
      out.write(("weights " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("model.json"));
      out.write(manifest.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return blobs.put(new ByteArrayInputStream(zip.toByteArray()), 1 << 20);
  }

  @Override
  public void close() {
    fixture.close();
  }
}
