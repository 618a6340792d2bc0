package io.strata.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.auth.secrets.SecretCipher;
import io.strata.events.AnnotatorType;
import io.strata.events.AppEvent;
import io.strata.events.AppEventKind;
import io.strata.events.AppLimits;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.SampleEvent;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.platform.controlplane.CliRun;
import io.strata.registry.RegistryServer;
import io.strata.schemas.topics.Topics;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata ingest} against a real upload gateway (a child JVM on ingest-connectors' own classpath, as
 * {@code strata up} runs it), the shared broker and a registry: a tar.gz with images, a corrupt image, Pascal VOC
 * and COCO annotations (one malformed), then the same images again from a directory with the default app.
 */
class IngestCommandIT {

  private static final EmbeddedKafka kafka = EmbeddedKafka.shared();
  private static RegistryServer registry;
  private static Process gateway;
  private static String gatewayUrl;
  private static String appKey;
  private static AppSecret secret;
  private static final String samplesTopic = TestTopics.unique("samples");
  private static final String labelsTopic = TestTopics.unique("labels");

  @TempDir
  static Path temp;

  @BeforeAll
  static void start() throws Exception {
    registry = RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()));
    String appsTopic = TestTopics.unique("apps");
    String rejectionsTopic = TestTopics.unique("rejections");
    kafka.createTopic(appsTopic, 1, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(samplesTopic, 3);
    kafka.createTopic(labelsTopic, 3);
    kafka.createTopic(rejectionsTopic, 1);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String keys = "it-1:" + Base64.getEncoder().encodeToString(key);
    var credentials = new CredentialGenerator(new SecureRandom());
    appKey = credentials.newAppKey();
    secret = credentials.newSecret();
    var app = AppEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId("default")
        .setOccurredAt(Instant.now()).setProducer("ingest-it").setAppKey(appKey).setKind(AppEventKind.REGISTERED)
        .setName("default").setSecret(new SecretCipher(MasterKeyring.parse(keys), new SecureRandom())
            .encrypt(appKey, secret)).setLimits(AppLimits.newBuilder().build()).setBlocked(false).build();
    try (var producer = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(),
        Topics.APPS.valueSerde(serde()).serializer())) {
      producer.send(new ProducerRecord<>(appsTopic, appKey, app)).get();
    }
    startGateway(Map.of("strata.kafka.bootstrap-servers", kafka.bootstrapServers(),
        "strata.schema-registry.url", registry.url(), "strata.ingest.blob-directory", temp.resolve("blobs").toString(),
        "strata.secrets.master-keys", keys, "strata.apps.topic", appsTopic,
        "strata.ingest.samples-topic", samplesTopic, "strata.ingest.labels-topic", labelsTopic,
        "strata.ingest.rejections-topic", rejectionsTopic));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.destroy();
      if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
        gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void shouldImportImagesAndAnnotationsReportWhatWasRefusedAndNotDuplicateOnASecondRun() throws Exception {
    Map<String, byte[]> good = new java.util.LinkedHashMap<>();
    good.put("images/cat.jpg", jpeg(64, 48, 1));
    good.put("images/dog.png", png(40, 30, 2));
    good.put("images/plain.jpg", jpeg(32, 32, 3));
    good.put("annotations/cat.xml", """
        <annotation>
          <filename>cat.jpg</filename>
          <size><width>64</width><height>48</height></size>
          <object><name>cat</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>65</xmax><ymax>40</ymax></bndbox></object>
          <object><name>cat</name><bndbox><xmin>oops</xmin><ymin>2</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object>
        </annotation>
        """.getBytes(StandardCharsets.UTF_8));
    good.put("annotations/coco.json", """
        {"images":[{"id":1,"file_name":"dog.png","width":40,"height":30}],
         "categories":[{"id":7,"name":"dog"}],
         "annotations":[{"image_id":1,"category_id":7,"bbox":[1,1,10,10]}]}
        """.getBytes(StandardCharsets.UTF_8));
    var all = new java.util.LinkedHashMap<>(good);
    all.put("images/broken.jpg", java.util.Arrays.copyOf(jpeg(64, 48, 4), 100));
    all.put("README.txt", "read me".getBytes(StandardCharsets.UTF_8));
    Path archive = tarGz(all);

    var first = CliRun.of("ingest", archive.toString(), "--gateway-url", gatewayUrl, "--app-key", appKey,
        "--app-secret", secret.reveal(), "--dataset", "pets", "--tags", "a,b", "--concurrency", "3",
        "--data-dir", temp.resolve("no-data").toString());
    assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
    assertThat(first.out()).contains("uploaded new:        3").contains("refused:             1")
        .contains("images/broken.jpg: CORRUPT_IMAGE").contains("labels made:         2")
        .contains("annotations/cat.xml:5 annotation/object/bndbox/xmin");
    // Not a terminal here: plain progress lines, and the files that are neither images nor annotations.
    assertThat(first.out()).contains("Uploading 4 images").contains("4/4 files").contains("README.txt");

    List<SampleEvent> samples = read(samplesTopic, Topics.SAMPLES.valueSerde(serde()).deserializer());
    assertThat(samples).hasSize(3).allSatisfy(s -> {
      assertThat(s.getTenantId()).isEqualTo("default");
      assertThat(s.getUploaded().getDataset()).isEqualTo("pets");
      assertThat(s.getUploaded().getTags()).contains("a", "b");
    });
    List<LabelEvent> labels = read(labelsTopic, Topics.LABELS.valueSerde(serde()).deserializer());
    assertThat(labels).hasSize(2).allSatisfy(l -> {
      assertThat(l.getKind()).isEqualTo(LabelEventKind.MADE);
      assertThat(l.getAnnotator().getType()).isEqualTo(AnnotatorType.IMPORT);
      assertThat(l.getAnnotator().getId()).isEqualTo("import");
      assertThat(l.getDataset()).isEqualTo("pets");
    });
    // The VOC box reached x 65 on a 64-pixel-wide image (1-based pixels): clamped to the edge.
    assertThat(labels).flatExtracting(LabelEvent::getBoxes).extracting(b -> b.getXMax()).contains(64.0, 11.0);

    // Again, from a directory without the bad files and with cat.xml fixed, signed by the data directory's default app.
    Path dataDir = temp.resolve("data");
    Files.createDirectories(dataDir.resolve("secrets"));
    Files.writeString(dataDir.resolve("secrets/default-app.json"), "{\"tenantId\":\"default\",\"appKey\":\"" + appKey
        + "\",\"appSecret\":\"" + secret.reveal() + "\"}");
    good.put("annotations/cat.xml", new String(good.get("annotations/cat.xml"), StandardCharsets.UTF_8)
        .replace("<xmin>oops</xmin>", "<xmin>1</xmin>").replace("<xmax>65</xmax>", "<xmax>64</xmax>")
        .getBytes(StandardCharsets.UTF_8));
    Path directory = directory(good);
    var second = CliRun.of("ingest", directory.toString(), "--gateway-url", gatewayUrl, "--dataset", "pets",
        "--data-dir", dataDir.toString());
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("uploaded new:        0").contains("already known:       3")
        // dog.png's label is the same as before; cat.jpg's now has a second box, so it is a new label.
        .contains("labels made:         1 (1 already imported before, not made again)");
    assertThat(read(labelsTopic, Topics.LABELS.valueSerde(serde()).deserializer())).hasSize(3);
  }

  @Test
  void shouldStopWhenTheGatewayRefusesTheApp() throws Exception {
    Path directory = directory(Map.of("one.jpg", jpeg(10, 10, 9)));
    var refused = CliRun.of("ingest", directory.toString(), "--gateway-url", gatewayUrl, "--app-key", appKey,
        "--app-secret", new CredentialGenerator(new SecureRandom()).newSecret().reveal());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("The gateway refused the app").contains("--app-key");
  }

  private static void startGateway(Map<String, String> properties) throws Exception {
    Path module = Path.of("../../ingest-connectors").toAbsolutePath().normalize();
    String classpath = module.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(module.resolve("target/classpath.txt")).strip();
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", classpath, "-Dmicronaut.server.port=-1"));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("io.strata.ingest.gateway.GatewayApplication");
    gateway = new ProcessBuilder(command).redirectErrorStream(true).start();
    var port = new CompletableFuture<Integer>();
    Path log = Path.of("target/ingest-it-gateway.log");
    Thread pump = new Thread(() -> {
      try (var in = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
          var out = Files.newBufferedWriter(log)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          out.write(line + "\n");
          out.flush();
          if (line.startsWith("STRATA_GATEWAY_LISTENING port=")) {
            port.complete(Integer.parseInt(line.substring(line.indexOf('=') + 1).strip()));
          }
        }
      } catch (Exception e) {
        port.completeExceptionally(e);
      } finally {
        port.completeExceptionally(new IllegalStateException("The gateway exited; see " + log));
      }
    });
    pump.setDaemon(true);
    pump.start();
    gatewayUrl = "http://localhost:" + port.get(120, TimeUnit.SECONDS);
  }

  private static Map<String, Object> serde() {
    return Map.of("schema.registry.url", registry.url());
  }

  private static <V> List<V> read(String topic, Deserializer<V> values) {
    try (var consumer = new KafkaConsumer<>(new HashMap<>(kafka.clientProperties()), new StringDeserializer(), values)) {
      var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      var all = new ArrayList<V>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> all.add(r.value()));
      }
      return all;
    }
  }

  private static Path directory(Map<String, byte[]> files) throws Exception {
    Path root = Files.createTempDirectory(temp, "import-");
    for (var file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    return root;
  }

  private static Path tarGz(Map<String, byte[]> files) throws Exception {
    Path tar = temp.resolve("import.tar.gz");
    try (OutputStream file = Files.newOutputStream(tar); var gz = new GZIPOutputStream(file);
        var out = new TarArchiveOutputStream(gz)) {
      for (var item : files.entrySet()) {
        var entry = new TarArchiveEntry(item.getKey());
        entry.setSize(item.getValue().length);
        out.putArchiveEntry(entry);
        out.write(item.getValue());
        out.closeArchiveEntry();
      }
    }
    return tar;
  }

  private static byte[] jpeg(int width, int height, long seed) throws Exception {
    return image("jpeg", width, height, seed);
  }

  private static byte[] png(int width, int height, long seed) throws Exception {
    return image("png", width, height, seed);
  }

  private static byte[] image(String format, int width, int height, long seed) throws Exception {
    var random = new java.util.Random(seed);
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(random.nextInt(0xffffff)));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(random.nextInt(0xffffff)));
    g.fillOval(random.nextInt(width), random.nextInt(height), width / 2, height / 2);
    g.dispose();
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }
}
