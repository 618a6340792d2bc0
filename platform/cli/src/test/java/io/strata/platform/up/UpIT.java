package io.strata.platform.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.platform.StrataCli;
import io.strata.platform.broker.Ports;
import io.strata.platform.broker.TestTopics;
import io.strata.platform.runtime.RuntimeFile;
import io.strata.schemas.registry.CachingSchemaRegistryClient;
import io.strata.schemas.registry.RegistryClientConfig;
import io.strata.schemas.topics.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.strata.auth.secrets.AppSecret;
import io.strata.auth.signing.RequestSigner;
import io.strata.platform.Environment;
import io.strata.platform.sql.LakehouseProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One platform start covers {@code strata up} and {@code strata demo}: {@code up} runs every component and takes a
 * signed upload into the lakehouse; the demo then runs its whole loop against that running platform (a tenant and
 * app, generated images with bad files refused, VOC labels imported, a dataset version cut, a CPU training job, the
 * model published and promoted, the lineage in Spark SQL); {@code status} summarises every component's metrics; and
 * two restarts on the same data directory find everything again.
 */
class UpIT {

  /**
   * How long a start may take on a slow, shared CI machine (here: under a minute). An {@code up} that fails ends
   * the wait at once with its reason, so only a slow start uses this much.
   */
  private static final Duration STARTUP = Duration.ofSeconds(420);

  @TempDir
  Path dataDir;

  private final List<Up> running = new ArrayList<>();
  private final List<Integer> ports = Ports.free(10);
  private final int kafkaPort = ports.get(0);
  private final int controllerPort = ports.get(1);
  private final int registryPort = ports.get(2);
  private final int gatewayPort = ports.get(3);
  private final int connectPort = ports.get(4);
  private final int processorsPort = ports.get(5);
  private final int launcherPort = ports.get(6);
  // The SQL endpoint's health and metrics port is the one after its JDBC port: both must be free.
  private final int sqlPort = freePair(ports);
  private final int servingPort = ports.get(7);
  private final int driftPort = ports.get(8);
  private final int restCatalogPort = ports.get(9);

  @AfterEach
  void stopEverything() throws Exception {
    for (var up : running) {
      stop(up);
      System.out.println("==== strata up's stderr\n" + up.errors());
    }
    // The child processes' logs, for a failure's diagnosis (the data directory is deleted after the test).
    try (var logs = Files.list(dataDir.resolve("logs"))) {
      for (Path log : logs.toList()) {
        var lines = Files.readAllLines(log);
        System.out.println("==== " + log.getFileName() + " (last 40 lines)");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
      }
    }
  }

  @Test
  void shouldRunEveryComponentTheDemoLoopAndFindEverythingAfterARestart() throws Exception {
    var bootstrap = "localhost:" + kafkaPort;
    var topic = TestTopics.unique("up-restart");

    var first = up();
    awaitHealthy(first, true);
    var defaultApp = DefaultApp.read(dataDir).orElseThrow();
    assertThat(defaultApp.tenantId()).isEqualTo(DefaultApp.TENANT);
    assertThat(Files.getPosixFilePermissions(DefaultApp.file(dataDir))).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(httpGet("/v1/tenants/default/apps/" + defaultApp.appKey())).contains("\"name\":\"default\"");

    // The whole path: a signed upload through the gateway, and an image put into the drop folder (the source
    // connector in the Connect worker), each reviewed by the stream processors and in the lakehouse.
    String sampleId = upload(defaultApp, png(0));
    byte[] dropped = png(1);
    Path dropFolder = dataDir.resolve("drop").resolve(DefaultApp.TENANT);
    Files.write(dropFolder.resolve(".camera-1.png.part"), dropped);
    Files.move(dropFolder.resolve(".camera-1.png.part"), dropFolder.resolve("camera-1.png"));
    String droppedId = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(dropped));
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
      assertThat(sql("SELECT kind FROM samples WHERE sampleId = '" + sampleId + "' ORDER BY kind"))
          .contains("UPLOADED").contains("QUALITY_ASSESSED");
      assertThat(sql("SELECT kind, uploaded.source FROM samples WHERE sampleId = '" + droppedId + "' ORDER BY kind"))
          .contains("drop-folder:drop-folder-default").contains("QUALITY_ASSESSED");
    });
    assertThat(dropFolder.resolve("processed").resolve("camera-1.png")).exists();
    int samplesSchemaId = latestSchemaId(Topics.SAMPLES.valueSubject());
    assertThat(httpGet("/config/" + Topics.SAMPLES.valueSubject())).contains("BACKWARD_TRANSITIVE");

    // strata demo against the running platform: the main loop, end to end.
    runDemo();
    // The console the demo points to is served by the registry; without a session it asks to sign in.
    assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + registryPort
        + "/console/models/demo/shapes")).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(303);
    assertThat(statusTable()).as("status summarises the metrics of the stream processors")
        .containsPattern("processors +http://localhost:" + processorsPort + " +healthy +\\d+(s|m\\d\\ds|h\\d\\dm) ")
        .doesNotContainPattern("processors +\\S+ +healthy +no metrics");
    assertThat(statusJson()).containsPattern("\"name\":\"processors\",[^}]*\"metrics\":\\{\"uptimeSeconds\":[0-9.]+,"
        + "[^}]*\"eventsProduced\":[1-9]");
    assertThat(statusJson()).as("the Connect worker's /metrics: the sink has committed the demo's tables")
        .containsPattern("\"name\":\"lakehouse-sink\",[^}]*\"metrics\":\\{[^}]*\"commitAgeSeconds\":[0-9.]+");

    try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
    }
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "written", "before the restart")).get();
    }
    stop(first);
    assertThat(dataDir.resolve(RuntimeFile.NAME)).doesNotExist();
    assertThat(dataDir.resolve("logs/kafka.log")).isNotEmptyFile();

    // The restarts leave the SQL endpoint out: the first start showed it, and Spark's start-up is the slowest.
    // The second serves the catalog over the Iceberg REST protocol, which lists the tables the sink made.
    var second = up("--no-sql-server", "--rest-catalog", "--rest-catalog-port", String.valueOf(restCatalogPort));
    awaitHealthy(second, false);
    assertThat(statusJson()).contains("{\"name\":\"rest-catalog\",\"url\":\"http://localhost:" + restCatalogPort
        + "\",\"healthy\":true");
    assertThat(restCatalog("/v1/namespaces/strata/tables", "wrong-token").statusCode()).isEqualTo(401);
    var tables = restCatalog("/v1/namespaces/strata/tables",
        Files.readString(dataDir.resolve("lakehouse/rest-catalog.token")).strip());
    assertThat(tables.statusCode()).as(tables.body()).isEqualTo(200);
    assertThat(tables.body()).contains("{\"namespace\":[\"strata\"],\"name\":\"samples\"}");
    assertThat(readAll(bootstrap, topic)).containsEntry("written", "before the restart");
    assertThat(latestSchemaId(Topics.SAMPLES.valueSubject())).as("registry rebuilt from _schemas")
        .isEqualTo(samplesSchemaId);
    assertThat(DefaultApp.read(dataDir)).as("the default app is kept across restarts").contains(defaultApp);
    stop(second);

    // A lost credentials file: the same app gets a new secret, since no one knows the old one any more.
    Files.delete(DefaultApp.file(dataDir));
    var third = up("--no-sql-server");
    awaitHealthy(third, false);
    var recovered = DefaultApp.read(dataDir).orElseThrow();
    assertThat(recovered.appKey()).isEqualTo(defaultApp.appKey());
    assertThat(recovered.appSecret()).isNotEqualTo(defaultApp.appSecret());
    stop(third);
    assertThat(dataDir.resolve("run")).as("no child process left behind").isEmptyDirectory();
  }

  /** Runs {@code strata demo} on this data directory, where {@code up} runs, and checks what it printed. */
  private void runDemo() {
    var out = new StringWriter();
    int exit;
    try {
      exit = StrataCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(
          withPorts("demo", "--data-dir", dataDir.toString(), "--images", "90", "--epochs", "3"));
    } finally {
      System.out.println(out);
    }
    String printed = out.toString();
    assertThat(exit).as(printed).isZero();
    assertThat(printed)
        .contains("Using the Strata already running on")
        .contains("tenant 'demo' created")
        .contains("the 3 bad files were refused")
        .contains("succeeded")
        .contains("is now in PRODUCTION")
        .containsPattern("\\d+ of 40 classified as labelled")
        .contains("Done in")
        .containsPattern("Operator console: http://\\S+:" + registryPort + "/console/models/demo/shapes \\(sign in");
    // The lineage query's table: the model's job and dataset version, then its samples per split, class and annotator.
    assertThat(printed).containsPattern("shapes +\\| 1 +\\| job-\\S+ +\\| manual +\\| shapes-\\S+ +\\| 1 +\\| 90 ")
        .containsPattern("TRAIN +\\| (circle|square|triangle) +\\| IMPORT")
        .containsPattern("TEST +\\| (circle|square|triangle) +\\| IMPORT");
  }

  private HttpResponse<String> restCatalog(String path, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + restCatalogPort
        + path)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String statusTable() {
    var out = new StringWriter();
    StrataCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
        .execute("status", "--data-dir", dataDir.toString());
    return out.toString();
  }

  private String statusJson() {
    var out = new StringWriter();
    StrataCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
        .execute("status", "--json", "--data-dir", dataDir.toString());
    return out.toString().trim();
  }

  /** Uploads {@code image} through the gateway, signed as {@code app}; returns the sample id of the 201. */
  private String upload(DefaultApp app, byte[] image) throws Exception {
    var uri = URI.create("http://localhost:" + gatewayPort + "/v1/samples?dataset=up-it");
    var request = HttpRequest.newBuilder(uri).header("Content-Type", "image/png")
        .POST(HttpRequest.BodyPublishers.ofByteArray(image));
    RequestSigner.create(app.appKey(), AppSecret.of(app.appSecret())).sign("POST", uri, image).asMap()
        .forEach(request::header);
    var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("upload: %s", response.body()).isEqualTo(201);
    var matcher = java.util.regex.Pattern.compile("\"sampleId\":\"([0-9a-f]{64})\"").matcher(response.body());
    assertThat(matcher.find()).as("sample id in %s", response.body()).isTrue();
    return matcher.group(1);
  }

  private static byte[] png(int variant) throws Exception {
    var image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x ^ y ^ variant) & 0xff));
      }
    }
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** Runs {@code statement} with {@code strata sql} (a Spark child JVM) on this data directory; its output. */
  private String sql(String statement) throws Exception {
    Path log = Files.createTempFile(dataDir, "sql", ".out");
    int exit = LakehouseProcesses.process(new Environment(Map.of()), LakehouseProcesses.SQL_MAIN, dataDir,
        List.of(statement)).logTo(log).build().run();
    String output = Files.readString(log);
    assertThat(exit).as("strata sql: %s", output).isZero();
    return output;
  }

  private int latestSchemaId(String subject) {
    try (var registry = new CachingSchemaRegistryClient(RegistryClientConfig.from(
        Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://localhost:" + registryPort)))) {
      return registry.latest(subject).id();
    }
  }

  private String httpGet(String path) throws Exception {
    var response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + registryPort + path))
            .header("Authorization", "Bearer " + Files.readString(PlatformSecrets.adminTokenFile(dataDir)).trim()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return response.body();
  }

  /** A free port whose successor is free too, neither among {@code taken}. */
  private static int freePair(List<Integer> taken) {
    for (int candidate : Ports.free(20)) {
      if (taken.contains(candidate) || taken.contains(candidate + 1)) {
        continue;
      }
      try (var first = new java.net.ServerSocket(candidate); var second = new java.net.ServerSocket(candidate + 1)) {
        return candidate;
      } catch (java.io.IOException inUse) {
        // try the next
      }
    }
    throw new IllegalStateException("No two consecutive free ports found");
  }

  /** {@code command} and {@code args}, then every port option of {@code up}. */
  private String[] withPorts(String... commandAndArgs) {
    var all = new ArrayList<>(List.of(commandAndArgs));
    all.addAll(List.of("--kafka-port", String.valueOf(kafkaPort), "--controller-port", String.valueOf(controllerPort),
        "--registry-port", String.valueOf(registryPort), "--gateway-port", String.valueOf(gatewayPort),
        "--connect-port", String.valueOf(connectPort), "--processors-port", String.valueOf(processorsPort),
        "--launcher-port", String.valueOf(launcherPort), "--serving-port", String.valueOf(servingPort),
        "--drift-port", String.valueOf(driftPort), "--sql-port", String.valueOf(sqlPort)));
    return all.toArray(String[]::new);
  }

  /** Runs {@code strata up} as the command line would, on its own thread; what it prints to stderr is kept. */
  private Up up(String... extraArgs) {
    var args = new ArrayList<>(List.of(withPorts("up", "--data-dir", dataDir.toString())));
    args.addAll(List.of(extraArgs));
    var errors = new StringWriter();
    var thread = new Thread(() -> StrataCli.commandLine()
        .setOut(new PrintWriter(new StringWriter()))
        .setErr(new PrintWriter(errors, true))
        .execute(args.toArray(String[]::new)),
        "strata-up");
    thread.start();
    var up = new Up(thread, errors);
    running.add(up);
    return up;
  }

  /** A {@code strata up} running on its thread, and its stderr. */
  private record Up(Thread thread, StringWriter errors) {}

  /** Waits until every component is healthy; fails at once, with what it printed, when {@code up} ends first. */
  private void awaitHealthy(Up up, boolean withSql) {
    await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      if (!up.thread().isAlive()) {
        // Not an AssertionError, which Awaitility would retry until the timeout.
        throw new IllegalStateException("strata up ended before every component was healthy: " + up.errors());
      }
      var out = new StringWriter();
      int exitCode = StrataCli.commandLine()
          .setOut(new PrintWriter(out))
          .setErr(new PrintWriter(new StringWriter()))
          .execute("status", "--json", "--data-dir", dataDir.toString());
      // Each component's entry may go on with its "metrics" summary, so no closing brace is expected after "healthy".
      assertThat(out.toString().trim()).startsWith("{\"components\":["
          + "{\"name\":\"kafka\",\"url\":\"localhost:" + kafkaPort + "\",\"healthy\":true},"
          + "{\"name\":\"registry\",\"url\":\"http://localhost:" + registryPort + "\",\"healthy\":true")
          .contains("{\"name\":\"gateway\",\"url\":\"http://localhost:" + gatewayPort + "\",\"healthy\":true")
          .contains("{\"name\":\"processors\",\"url\":\"http://localhost:" + processorsPort + "\",\"healthy\":true")
          .contains("{\"name\":\"lakehouse-sink\",\"url\":\"http://127.0.0.1:" + connectPort + "\",\"healthy\":true")
          .contains("{\"name\":\"trainer-launcher\",\"url\":\"http://localhost:" + launcherPort + "\",\"healthy\":true")
          .contains("{\"name\":\"serving\",\"url\":\"http://localhost:" + servingPort + "\",\"healthy\":true")
          .contains("{\"name\":\"drift-monitor\",\"url\":\"http://localhost:" + driftPort + "\",\"healthy\":true");
      if (withSql) {
        // Healthy through its own /health, with its JVM's metrics from /metrics on the port after the JDBC one.
        assertThat(out.toString()).contains("{\"name\":\"sql\",\"url\":\"jdbc:hive2://localhost:" + sqlPort
            + "/strata\",\"healthy\":true,\"metrics\":{\"uptimeSeconds\":");
      }
      assertThat(exitCode).isZero();
    });
  }

  /** Interrupting the foreground thread is what stops {@code up} in-process (Ctrl-C runs the same shutdown). */
  private static void stop(Up up) throws InterruptedException {
    up.thread().interrupt();
    up.thread().join(Duration.ofSeconds(60).toMillis());
    assertThat(up.thread().isAlive()).as("strata up still running 60 s after being stopped").isFalse();
  }

  private static Map<String, String> readAll(String bootstrap, String topic) {
    var records = new HashMap<String, String>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        "bootstrap.servers", bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("up-it"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> records.put(r.key(), r.value()));
        return !records.isEmpty();
      });
    }
    return records;
  }
}
