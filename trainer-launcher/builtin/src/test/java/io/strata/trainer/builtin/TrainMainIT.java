package io.strata.trainer.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.blobstore.BlobRef;
import io.strata.blobstore.LocalBlobStore;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.RegistryServer;
import io.strata.schemas.topics.Topics;
import io.strata.trainer.builtin.samples.ShapeImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer as the launcher runs it: a child JVM on the module's runtime classpath, a real broker and schema
 * registry, items on a (uniquely named) dataset-version-items topic and images in a local blob store.
 */
class TrainMainIT {

  private static final EmbeddedKafka KAFKA = EmbeddedKafka.shared();
  private static RegistryServer registry;
  private static String topic;

  @TempDir
  Path dir;

  @BeforeAll
  static void startRegistry() {
    registry = RegistryServer.start(new RegistryServer.Settings(0, KAFKA.bootstrapServers()));
    topic = TestTopics.unique("dataset-version-items");
    KAFKA.createTopic(topic, 3);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldTrainAClassifierThatBeatsChanceAndStoreItsArtifact() throws Exception {
    var blobs = new LocalBlobStore(dir.resolve("blobs"));
    var shapes = new ShapeImages(11, 64);
    List<DatasetVersionItem> items = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      ShapeImages.Shape shape = shapes.draw(i);
      Split split = switch (i % 10) {
        case 7 -> Split.VALIDATION;
        case 8, 9 -> Split.TEST;
        default -> Split.TRAIN;
      };
      items.add(item("shapes", 1, "s" + i, store(blobs, ShapeImages.encode(shape.image(), i % 4 == 0 ? "jpeg" : "png")),
          split, shape.classLabel()));
    }
    items.add(item("shapes", 1, "broken", store(blobs, "no image here".getBytes(StandardCharsets.UTF_8)),
        Split.TRAIN, "circle"));
    append(items);

    Run run = train(blobs, "shapes", 1, items.size(), "--epochs=12", "--learning-rate=0.003");

    Files.writeString(Path.of("target", "it-train-output.txt"), run.output);
    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.lines("strata.progress")).hasSize(12)
        .allSatisfy(line -> assertThat(line).contains(" loss=", " accuracy=", " val_accuracy=", " images_per_s=",
            " gpu="));
    assertThat(run.lines("strata.progress").get(0)).startsWith("strata.progress epoch=1 ");
    List<String> outcome = run.lines("strata.outcome");
    assertThat(outcome).hasSize(1);
    Map<String, String> fields = fields(outcome.get(0));
    assertThat(fields).containsEntry("undecodable", "1").containsEntry("train_images", "420")
        .containsEntry("test_images", "120").containsEntry("classes", "3");
    assertThat(Double.parseDouble(fields.get("test_accuracy"))).as(run.output).isGreaterThan(0.6);

    String sha = fields.get("artifactSha256");
    assertThat(blobs.exists(sha)).isTrue();
    byte[] artifact = blobs.open(sha).readAllBytes();
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact))).isEqualTo(sha);
    assertThat(fields.get("artifactUri")).isEqualTo(blobs.find(sha).orElseThrow().uri().toString());
    Path zip = Files.write(dir.resolve("artifact.zip"), artifact);
    try (var file = new ZipFile(zip.toFile())) {
      JsonNode json = new ObjectMapper().readTree(file.getInputStream(file.getEntry("model.json")));
      assertThat(json.get("classes").toString()).isEqualTo("[\"circle\",\"square\",\"triangle\"]");
      assertThat(json.get("datasetId").asText()).isEqualTo("shapes");
      assertThat(json.get("jobId").asText()).isEqualTo("job-shapes");
      assertThat(json.get("metrics").get("test_accuracy").asDouble())
          .isCloseTo(Double.parseDouble(fields.get("test_accuracy")), within(1e-6));
      assertThat(file.getEntry(json.get("parameters").asText()).getSize()).isPositive();
      assertThat(json.get("referenceProfile").get("classDistribution").size()).isEqualTo(3);
    }
  }

  @Test
  void shouldRefuseToTrainOnASingleClass() throws Exception {
    var blobs = new LocalBlobStore(dir.resolve("blobs"));
    var shapes = new ShapeImages(12, 32);
    List<DatasetVersionItem> items = new ArrayList<>();
    for (int i = 0; i < 9; i += 3) {
      items.add(item("circles", 1, "c" + i, store(blobs, ShapeImages.encode(shapes.draw(i).image(), "png")),
          Split.TRAIN, "circle"));
    }
    append(items);

    Run run = train(blobs, "circles", 1, items.size());

    assertThat(run.exit).as(run.output).isEqualTo(2);
    assertThat(run.lines("strata.error")).singleElement().asString()
        .contains("Cannot train a classifier", "single class 'circle'");
    assertThat(run.lines("strata.outcome")).isEmpty();
  }

  @Test
  void shouldFailClearlyWhenABlobIsMissing() throws Exception {
    var blobs = new LocalBlobStore(dir.resolve("blobs"));
    String absent = "file:" + dir.resolve("blobs/sha256/00/" + "0".repeat(64));
    append(List.of(item("missing", 1, "m1", absent, Split.TRAIN, "circle")));

    Run run = train(blobs, "missing", 1, 1);

    assertThat(run.exit).as(run.output).isEqualTo(2);
    assertThat(run.lines("strata.error")).singleElement().asString()
        .contains("blob of sample 'm1'", "is missing from the blob store");
  }

  @Test
  void shouldGiveUpWhenTheVersionHasNoItems() throws Exception {
    var blobs = new LocalBlobStore(dir.resolve("blobs"));

    Run run = train(blobs, "never-cut", 7, 10, "--items-timeout-seconds=3");

    assertThat(run.exit).as(run.output).isEqualTo(2);
    assertThat(run.lines("strata.error")).singleElement().asString()
        .contains("No items of dataset version 'never-cut/7'", "after 3 s");
  }

  @Test
  void shouldNameTheKnownHyperparametersForAnUnknownOne() throws Exception {
    Run run = train(new LocalBlobStore(dir.resolve("blobs")), "x", 1, 1, "--dropout=0.5");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.lines("strata.error")).singleElement().asString()
        .contains("Unknown hyperparameter 'dropout'", "architecture, batch-size, epochs");
  }

  private static String store(LocalBlobStore blobs, byte[] content) throws IOException {
    BlobRef ref = blobs.put(new ByteArrayInputStream(content), Long.MAX_VALUE);
    return ref.uri().toString();
  }

  private static DatasetVersionItem item(String dataset, int version, String sampleId, String blobUri, Split split,
      String classLabel) {
    return DatasetVersionItem.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId("acme")
        .setOccurredAt(Instant.now()).setProducer("it").setDatasetId(dataset).setVersion(version)
        .setSampleId(sampleId).setBlobUri(blobUri).setSplit(split).setClassLabel(classLabel).build();
  }

  private static void append(List<DatasetVersionItem> items) {
    var serializer = Topics.DATASET_VERSION_ITEMS.valueSerde(Map.of("schema.registry.url", registry.url()))
        .serializer();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
        Topics.DATASET_VERSION_ITEMS.keySerde().serializer(), serializer)) {
      for (DatasetVersionItem item : items) {
        producer.send(new ProducerRecord<>(topic, item.getDatasetId() + "/" + item.getVersion(), item));
      }
      producer.flush();
    }
  }

  private Run train(LocalBlobStore blobs, String dataset, int version, int count, String... hyperparameters)
      throws Exception {
    Path module = Path.of("").toAbsolutePath();
    String classpath = module.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(module.resolve("target/classpath.txt")).trim();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        // One intra-op thread: on a small shared build machine PyTorch's spinning OpenMP threads slow it down.
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-cp", classpath,
        "io.strata.trainer.builtin.TrainMain",
        "--bootstrap-servers=" + KAFKA.bootstrapServers(), "--schema-registry-url=" + registry.url(),
        "--blob-store=" + dir.resolve("blobs"), "--work-dir=" + dir.resolve("work-" + dataset),
        "--tenant=acme", "--dataset=" + dataset, "--version=" + version, "--items=" + count,
        "--job=job-" + dataset, "--items-topic=" + topic));
    command.addAll(List.of(hyperparameters));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    // One unpacked copy of the PyTorch native libraries for all runs, as the launcher shares one per data directory.
    builder.environment().put("DJL_CACHE_DIR", module.resolve("target/djl-cache").toString());
    builder.environment().put("OMP_NUM_THREADS", "1");
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    boolean exited = process.waitFor(5, TimeUnit.MINUTES);
    assertThat(exited).isTrue();
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static Map<String, String> fields(String line) {
    var fields = new java.util.HashMap<String, String>();
    for (String part : line.split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return fields;
  }

  private record Run(int exit, String output) {
    List<String> lines(String tag) {
      return output.lines().filter(l -> l.startsWith(tag + " ")).toList();
    }
  }
}
