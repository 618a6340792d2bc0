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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpIT {

  private static final Duration STARTUP = Duration.ofSeconds(90);

  @TempDir
  Path dataDir;

  private final List<Thread> running = new ArrayList<>();
  private final List<Integer> ports = Ports.free(3);
  private final int kafkaPort = ports.get(0);
  private final int controllerPort = ports.get(1);
  private final int registryPort = ports.get(2);

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (var thread : running) {
      stop(thread);
    }
  }

  @Test
  void shouldReportBothComponentsHealthyAndFindItsRecordsAfterARestart() throws Exception {
    var bootstrap = "localhost:" + kafkaPort;
    var topic = TestTopics.unique("up-restart");

    var first = up();
    awaitHealthy();
    var defaultApp = DefaultApp.read(dataDir).orElseThrow();
    assertThat(defaultApp.tenantId()).isEqualTo(DefaultApp.TENANT);
    assertThat(Files.getPosixFilePermissions(DefaultApp.file(dataDir))).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(httpGet("/v1/tenants/default/apps/" + defaultApp.appKey())).contains("\"name\":\"default\"");
    int samplesSchemaId = latestSchemaId(Topics.SAMPLES.valueSubject());
    assertThat(httpGet("/config/" + Topics.SAMPLES.valueSubject())).contains("BACKWARD_TRANSITIVE");
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

    var second = up();
    awaitHealthy();
    assertThat(readAll(bootstrap, topic)).containsEntry("written", "before the restart");
    assertThat(latestSchemaId(Topics.SAMPLES.valueSubject())).as("registry rebuilt from _schemas")
        .isEqualTo(samplesSchemaId);
    assertThat(DefaultApp.read(dataDir)).as("the default app is kept across restarts").contains(defaultApp);
    stop(second);

    // A lost credentials file: the same app gets a new secret, since no one knows the old one any more.
    Files.delete(DefaultApp.file(dataDir));
    var third = up();
    awaitHealthy();
    var recovered = DefaultApp.read(dataDir).orElseThrow();
    assertThat(recovered.appKey()).isEqualTo(defaultApp.appKey());
    assertThat(recovered.appSecret()).isNotEqualTo(defaultApp.appSecret());
    stop(third);
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

  /** Runs {@code strata up} as the command line would, on its own thread. */
  private Thread up() {
    var thread = new Thread(() -> StrataCli.commandLine()
        .setOut(new PrintWriter(new StringWriter()))
        .execute("up", "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(kafkaPort),
            "--controller-port", String.valueOf(controllerPort), "--registry-port", String.valueOf(registryPort)),
        "strata-up");
    thread.start();
    running.add(thread);
    return thread;
  }

  private void awaitHealthy() {
    await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      var out = new StringWriter();
      int exitCode = StrataCli.commandLine()
          .setOut(new PrintWriter(out))
          .setErr(new PrintWriter(new StringWriter()))
          .execute("status", "--json", "--data-dir", dataDir.toString());
      assertThat(out.toString().trim()).isEqualTo("{\"components\":["
          + "{\"name\":\"kafka\",\"url\":\"localhost:" + kafkaPort + "\",\"healthy\":true},"
          + "{\"name\":\"registry\",\"url\":\"http://localhost:" + registryPort + "\",\"healthy\":true}]}");
      assertThat(exitCode).isZero();
    });
  }

  /** Interrupting the foreground thread is what stops {@code up} in-process (Ctrl-C runs the same shutdown). */
  private static void stop(Thread up) throws InterruptedException {
    up.interrupt();
    up.join(Duration.ofSeconds(60).toMillis());
    assertThat(up.isAlive()).as("strata up still running 60 s after being stopped").isFalse();
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
