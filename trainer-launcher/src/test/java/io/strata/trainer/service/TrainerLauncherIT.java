package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.auth.secrets.SecretCipher;
import io.strata.auth.signing.RequestSigner;
import io.strata.events.AppEvent;
import io.strata.events.AppEventKind;
import io.strata.events.AppLimits;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.NodeGpus;
import io.strata.events.Placement;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingRequest;
import io.strata.events.VersionCut;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer launcher service on a real broker, launching a fake trainer ({@link FakeTrainer}) as a real child
 * process through {@code STRATA_BUILTIN_TRAINER_CLASSPATH}, driven through its HTTP API by signed app requests
 * and the operator.
 */
class TrainerLauncherIT {

  private static final EmbeddedKafka kafka = EmbeddedKafka.shared();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path temp;

  private final SecureRandom random = new SecureRandom();
  private final CredentialGenerator credentials = new CredentialGenerator(random);
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private String scope;
  private LauncherSettings.ServiceTopics topics;
  private LauncherSettings.LeaseSettings lease;
  private InMemorySchemaRegistryClient registry;
  private MasterKeyring keyring;
  private String adminToken;
  private KafkaProducer<String, TrainingJobEvent> jobs;
  private App appA;
  private App appB;
  private TrainerLauncherApplication service;

  private record App(String key, AppSecret secret) {}

  @BeforeEach
  void setUp() throws Exception {
    scope = TestTopics.unique("trainer-launcher");
    topics = new LauncherSettings.ServiceTopics(scope + "-training-jobs", scope + "-datasets", scope + "-apps",
        scope + "-trainers", scope + "-items");
    kafka.createTopic(topics.trainers(), 3, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(topics.datasetVersionItems(), 3);
    kafka.createTopic(topics.trainingJobs(), 3);
    kafka.createTopic(topics.datasets(), 3);
    kafka.createTopic(topics.apps(), 3, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(scope + "-lease", 1);
    // A generous acquire timeout: the first group of a fresh broker waits for its coordinator.
    lease = new LauncherSettings.LeaseSettings(scope + "-lease", scope + "-group", Duration.ofSeconds(6),
        Duration.ofSeconds(40));
    registry = InMemorySchemaRegistryClient.scoped(scope);
    byte[] key = new byte[32];
    random.nextBytes(key);
    keyring = MasterKeyring.parse("it-1:" + Base64.getEncoder().encodeToString(key));
    adminToken = "admin-" + UUID.randomUUID();

    var props = new HashMap<String, Object>(kafka.clientProperties());
    jobs = new KafkaProducer<>(props, new StringSerializer(), Topics.TRAINING_JOBS.valueSerde(registry).serializer());
    closing.add(jobs);
    try (var apps = new KafkaProducer<>(props, new StringSerializer(), Topics.APPS.valueSerde(registry).serializer());
        var datasets = new KafkaProducer<>(props, new StringSerializer(),
            Topics.DATASETS.valueSerde(registry).serializer())) {
      var cipher = new SecretCipher(keyring, random);
      appA = new App(credentials.newAppKey(), credentials.newSecret());
      appB = new App(credentials.newAppKey(), credentials.newSecret());
      for (var entry : Map.of("tenant-a", appA, "tenant-b", appB).entrySet()) {
        App app = entry.getValue();
        apps.send(new ProducerRecord<>(topics.apps(), app.key(), AppEvent.newBuilder()
            .setEventId(UUID.randomUUID().toString()).setTenantId(entry.getKey()).setOccurredAt(Instant.now())
            .setProducer("it").setAppKey(app.key()).setKind(AppEventKind.REGISTERED).setName("it-app")
            .setSecret(cipher.encrypt(app.key(), app.secret())).setLimits(AppLimits.newBuilder().build()).build()))
            .get();
      }
      datasets.send(new ProducerRecord<>(topics.datasets(), "cats", cut("tenant-a", "cats", 1, 3))).get();
      datasets.send(new ProducerRecord<>(topics.datasets(), "cats", cut("tenant-a", "cats", 2, 5))).get();
      datasets.send(new ProducerRecord<>(topics.datasets(), "dogs", cut("tenant-b", "dogs", 1, 7))).get();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (service != null) {
      service.close();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
    InMemorySchemaRegistryClient.dropScope(scope);
  }

  private TrainerLauncherApplication startService() throws Exception {
    return startService(lease);
  }

  private TrainerLauncherApplication startService(LauncherSettings.LeaseSettings lease) throws Exception {
    Path inventory = temp.resolve("inventory.txt");
    Files.writeString(inventory, "it-host -\n");
    Path tokenFile = temp.resolve("admin-token");
    Files.writeString(tokenFile, adminToken);
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    String classpath = Path.of(FakeTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
    var settings = new LauncherSettings(kafka.bootstrapServers(), "http://localhost:1", temp.resolve("blobs")
        .toString(), temp.resolve("data"), 0, Optional.of(LauncherSettings.readTokenFile(tokenFile)),
        Optional.of(keyring), inventory.toString(), Optional.of(classpath), FakeTrainer.class.getName(), "local",
        "default", topics, lease, "it-host");
    return TrainerLauncherApplication.start(settings, registry);
  }

  @Test
  void shouldRunAManualRequestThroughEveryEventAndKeepTenantsApart() throws Exception {
    service = startService();

    var created = call(appA, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":1,"
        + "\"modelName\":\"cat-detector\",\"hyperparameters\":{\"epochs\":2}}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode job = json.readTree(created.body());
    String jobId = job.get("jobId").asText();
    assertThat(job.get("state").asText()).isEqualTo("QUEUED");
    assertThat(job.at("/request/policy").asText()).isEqualTo("manual");
    assertThat(job.at("/request/trainer").asText()).isEqualTo("builtin");

    JsonNode done = awaitState(appA, jobId, "SUCCEEDED");
    assertThat(done.at("/outcome/artifactUri").asText()).isEqualTo("blob:sha256/feed");
    assertThat(done.at("/outcome/metrics/items").asDouble()).isEqualTo(3.0);
    assertThat(done.at("/progress/epoch").asInt()).isEqualTo(2);
    assertThat(done.at("/placement/nodes/0/node").asText()).isEqualTo("it-host");
    assertThat(kinds(jobId)).containsExactly(TrainingJobEventKind.REQUESTED, TrainingJobEventKind.SCHEDULED,
        TrainingJobEventKind.STARTED, TrainingJobEventKind.PROGRESS, TrainingJobEventKind.PROGRESS,
        TrainingJobEventKind.SUCCEEDED);
    assertThat(eventsOf(jobId)).allSatisfy(e -> assertThat(e.getProducer()).isEqualTo("trainer-launcher@it-host"));
    assertThat(eventsOf(jobId).get(5).getOutcome().getArtifactSha256()).isEqualTo("feed");

    var logs = call(appA, "GET", "/v1/training-jobs/" + jobId + "/logs", null);
    assertThat(logs.statusCode()).isEqualTo(200);
    assertThat(logs.body()).contains("--tenant=tenant-a", "--dataset=cats", "--version=1", "--items=3",
        "--job=" + jobId, "--epochs=2", "offline=true", "CUDA_VISIBLE_DEVICES=[]",
        "DJL_CACHE_DIR=" + temp.resolve("data").resolve("training").resolve("djl-cache").toAbsolutePath());

    // Tenant B sees nothing of tenant A: same 404 for an id of another tenant as for an unknown one.
    assertThat(call(appB, "GET", "/v1/training-jobs/" + jobId, null).statusCode()).isEqualTo(404);
    assertThat(code(call(appB, "GET", "/v1/training-jobs/" + jobId + "/logs", null))).isEqualTo("JOB_NOT_FOUND");
    assertThat(code(call(appB, "POST", "/v1/training-jobs/" + jobId + "/cancel", "{}"))).isEqualTo("JOB_NOT_FOUND");
    assertThat(json.readTree(call(appB, "GET", "/v1/training-jobs", null).body()).get("jobs")).isEmpty();
    var otherTenantsVersion = call(appB, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":1}");
    assertThat(otherTenantsVersion.statusCode()).isEqualTo(404);
    assertThat(code(otherTenantsVersion)).isEqualTo("DATASET_VERSION_NOT_FOUND");
    assertThat(code(call(appA, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":9}")))
        .isEqualTo("DATASET_VERSION_NOT_FOUND");
    assertThat(json.readTree(call(appA, "GET", "/v1/training-jobs", null).body()).get("jobs"))
        .extracting(j -> j.get("jobId").asText()).containsExactly(jobId);
    assertThat(json.readTree(operator("GET", "/v1/training-jobs?tenantId=tenant-a", null).body()).get("jobs"))
        .hasSize(1);

    // Refusals with their codes.
    assertThat(http.send(HttpRequest.newBuilder(uri("/v1/training-jobs")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(code(call(appA, "POST", "/v1/training-jobs", "{not json"))).isEqualTo("INVALID_JSON");
    var invalid = call(appA, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\"}");
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.body()).contains("datasetVersion");
    assertThat(code(operator("POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":1}")))
        .isEqualTo("INVALID_FIELD");
    assertThat(code(call(appA, "POST", "/v1/training-jobs/" + jobId + "/cancel", "{}"))).isEqualTo("JOB_FINISHED");
    var health = http.send(HttpRequest.newBuilder(uri("/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    var metrics = http.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("component=\"trainer-launcher\"")
        .containsPattern("strata_training_jobs\\{[^}]*state=\"running\"[^}]*} 0.0")
        .containsPattern("strata_gpus_in_use\\{[^}]*} 0.0")
        .containsPattern("strata_gpu_nodes\\{[^}]*} 1.0")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void shouldRefuseADuplicateAndCancelARunningJobKillingItsProcess() throws Exception {
    service = startService();
    String body = "{\"datasetId\":\"cats\",\"datasetVersion\":2,\"hyperparameters\":{\"sleep-ms\":\"300000\"}}";
    String jobId = json.readTree(call(appA, "POST", "/v1/training-jobs", body).body()).get("jobId").asText();
    awaitState(appA, jobId, "RUNNING");
    await().atMost(WAIT).until(() -> call(appA, "GET", "/v1/training-jobs/" + jobId + "/logs", null).body()
        .contains("strata.progress epoch=1"));
    var matcher = Pattern.compile("pid=(\\d+)").matcher(call(appA, "GET", "/v1/training-jobs/" + jobId + "/logs",
        null).body());
    assertThat(matcher.find()).isTrue();
    long pid = Long.parseLong(matcher.group(1));
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

    var duplicate = call(appA, "POST", "/v1/training-jobs", body);
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(code(duplicate)).isEqualTo("DUPLICATE_JOB");
    assertThat(duplicate.body()).contains(jobId);

    var cancel = http.send(HttpRequest.newBuilder(uri("/v1/training-jobs/" + jobId + "/cancel"))
        .header("Authorization", "Bearer " + adminToken).header("X-Request-Id", "req-cancel-1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"wrong data\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(cancel.statusCode()).isEqualTo(202);
    assertThat(json.readTree(cancel.body()).get("cancelRequested").asBoolean()).isTrue();

    JsonNode cancelled = awaitState(appA, jobId, "CANCELLED");
    assertThat(cancelled.get("reason").asText()).contains("cancelled on request");
    await().atMost(WAIT).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    var events = eventsOf(jobId);
    assertThat(events).extracting(TrainingJobEvent::getKind).endsWith(TrainingJobEventKind.CANCEL_REQUESTED,
        TrainingJobEventKind.CANCELLED);
    assertThat(events.get(events.size() - 2).getCausationId()).isEqualTo("req-cancel-1");
    assertThat(events.get(events.size() - 1).getCausationId()).isEqualTo(events.get(events.size() - 2).getEventId());

    // Finished, so a new request for the same version is accepted.
    assertThat(call(appA, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":2}").statusCode())
        .isEqualTo(201);
  }

  @Test
  void shouldFailJobsThatCannotRunWithTheirReason() throws Exception {
    service = startService();

    var refused = call(appA, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":1,"
        + "\"trainer\":\"pytorch-custom\"}");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(code(refused)).isEqualTo("UNKNOWN_TRAINER");
    // The training trigger appends its requests directly: an unknown trainer fails the job, it never hangs.
    String unknown = "trigger-unknown-trainer";
    write(event(unknown, "tenant-a", TrainingJobEventKind.REQUESTED).setRequest(TrainingRequest.newBuilder()
        .setDatasetId("cats").setDatasetVersion(1).setPolicy("new-labels").setTrainer("pytorch-custom").build())
        .build());
    String tooBig = submit("{\"datasetId\":\"cats\",\"datasetVersion\":2,\"gpus\":4}");
    String crashing = operatorSubmit("{\"tenantId\":\"tenant-b\",\"datasetId\":\"dogs\",\"datasetVersion\":1,"
        + "\"hyperparameters\":{\"fail\":\"out-of-memory\"}}");

    assertThat(awaitState(appA, unknown, "FAILED").get("reason").asText())
        .isEqualTo("trainer 'pytorch-custom' is not registered in tenant 'tenant-a'; register it with POST "
            + "/v1/trainers on the trainer launcher, or use trainer 'builtin'");
    assertThat(kinds(unknown)).containsExactly(TrainingJobEventKind.REQUESTED, TrainingJobEventKind.FAILED);
    assertThat(awaitState(appA, tooBig, "FAILED").get("reason").asText()).contains("asks for 4 GPU(s)")
        .contains("it-host: 0 GPU(s)");
    assertThat(awaitState(appB, crashing, "FAILED").get("reason").asText())
        .isEqualTo("trainer failed: out-of-memory (process exited with code 2)");
  }

  @Test
  void shouldRebuildStateOnRestartAndRefuseASecondInstance() throws Exception {
    service = startService();
    String finished = submit("{\"datasetId\":\"cats\",\"datasetVersion\":1}");
    awaitState(appA, finished, "SUCCEEDED");

    var impatient = new LauncherSettings.LeaseSettings(lease.topic(), lease.group(), lease.sessionTimeout(),
        Duration.ofSeconds(8));
    assertThatThrownBy(() -> startService(impatient)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Another trainer launcher holds the single-instance lease");

    service.close();
    service = null;
    // While the service is down: the trigger requests a job, and a job is left "running" as after a crash.
    write(requested("queued-while-down", "tenant-a", "cats", 2, "new-labels"));
    write(requested("left-running", "tenant-b", "dogs", 1, "drift"));
    write(event("left-running", "tenant-b", TrainingJobEventKind.SCHEDULED)
        .setPlacement(new Placement("local", List.of(new NodeGpus("it-host", List.of())))).build());
    write(event("left-running", "tenant-b", TrainingJobEventKind.STARTED).build());

    service = startService();

    awaitState(appA, "queued-while-down", "SUCCEEDED");
    awaitState(appB, "left-running", "SUCCEEDED");
    var requeued = eventsOf("left-running").stream().filter(e -> e.getKind() == TrainingJobEventKind.REQUEUED)
        .toList();
    assertThat(requeued).singleElement().satisfies(e ->
        assertThat(e.getReason()).startsWith("node-lost: the trainer launcher restarted"));
    assertThat(kinds(finished)).containsExactly(TrainingJobEventKind.REQUESTED, TrainingJobEventKind.SCHEDULED,
        TrainingJobEventKind.STARTED, TrainingJobEventKind.PROGRESS, TrainingJobEventKind.PROGRESS,
        TrainingJobEventKind.SUCCEEDED);
    assertThat(json.readTree(call(appA, "GET", "/v1/training-jobs/" + finished, null).body()).get("state").asText())
        .isEqualTo("SUCCEEDED");
  }

  // ---- helpers ----

  private String submit(String body) throws Exception {
    var response = call(appA, "POST", "/v1/training-jobs", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("jobId").asText();
  }

  private String operatorSubmit(String body) throws Exception {
    var response = operator("POST", "/v1/training-jobs", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("jobId").asText();
  }

  private JsonNode awaitState(App app, String jobId, String state) {
    var last = new JsonNode[1];
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      var response = call(app, "GET", "/v1/training-jobs/" + jobId, null);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      last[0] = json.readTree(response.body());
      assertThat(last[0].get("state").asText()).as(response.body()).isEqualTo(state);
    });
    return last[0];
  }

  private HttpResponse<String> call(App app, String method, String pathAndQuery, String body) throws Exception {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    URI uri = uri(pathAndQuery);
    var builder = HttpRequest.newBuilder(uri).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(bytes));
    RequestSigner.create(app.key(), app.secret()).sign(method, uri, bytes).asMap().forEach(builder::header);
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> operator(String method, String pathAndQuery, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + adminToken)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://localhost:" + service.port() + pathAndQuery);
  }

  private String code(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body()).get("code").asText();
  }

  private List<TrainingJobEventKind> kinds(String jobId) {
    return eventsOf(jobId).stream().map(TrainingJobEvent::getKind).toList();
  }

  private List<TrainingJobEvent> eventsOf(String jobId) {
    var found = new ArrayList<TrainingJobEvent>();
    try (var consumer = new KafkaConsumer<>(new HashMap<String, Object>(kafka.clientProperties()),
        new StringDeserializer(), Topics.TRAINING_JOBS.valueSerde(registry).deserializer())) {
      var partitions = consumer.partitionsFor(topics.trainingJobs()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key().equals(jobId)) {
            found.add(record.value());
          }
        }
      }
    }
    return found;
  }

  private void write(TrainingJobEvent event) throws Exception {
    jobs.send(new ProducerRecord<>(topics.trainingJobs(), event.getJobId(), event)).get();
  }

  private static TrainingJobEvent requested(String jobId, String tenant, String dataset, int version, String policy) {
    return event(jobId, tenant, TrainingJobEventKind.REQUESTED).setRequest(TrainingRequest.newBuilder()
        .setDatasetId(dataset).setDatasetVersion(version).setPolicy(policy).setTrainer("builtin").build()).build();
  }

  private static TrainingJobEvent.Builder event(String jobId, String tenant, TrainingJobEventKind kind) {
    return TrainingJobEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setOccurredAt(Instant.now()).setProducer("training-trigger-it").setJobId(jobId).setKind(kind);
  }

  private static DatasetEvent cut(String tenant, String datasetId, int version, long items) {
    return DatasetEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setOccurredAt(Instant.now()).setProducer("it").setDatasetId(datasetId).setKind(DatasetEventKind.VERSION_CUT)
        .setVersionCut(VersionCut.newBuilder().setVersion(version).setContentHash("h" + version).setItemCount(items)
            .setCounts(List.of()).build()).build();
  }
}
