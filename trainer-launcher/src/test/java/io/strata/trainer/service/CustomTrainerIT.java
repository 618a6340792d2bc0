package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.auth.secrets.SecretCipher;
import io.strata.auth.signing.RequestSigner;
import io.strata.blobstore.LocalBlobStore;
import io.strata.events.AppEvent;
import io.strata.events.AppEventKind;
import io.strata.events.AppLimits;
import io.strata.events.DatasetEvent;
import io.strata.events.DatasetEventKind;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingRequest;
import io.strata.events.VersionCut;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
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
 * Custom trainers on a real broker: registered, given code and weights through the HTTP API (signed app requests
 * and the operator), run as a real {@code sh} process from their extracted code, packaged into a model artifact in
 * the blob store; tenants kept apart on every endpoint.
 */
class CustomTrainerIT {

  private static final EmbeddedKafka kafka = EmbeddedKafka.shared();
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Reads items.jsonl and the base weights, speaks the progress protocol, writes a model and metrics. */
  private static final String TRAIN_SH = """
      #!/bin/sh
      set -e
      . ./lib/common.sh
      echo "working in $(pwd)"
      n=$(wc -l < "$STRATA_ITEMS_FILE" | tr -d ' ')
      local_files=$(sed -n 's/.*"path":"\\([^"]*\\)".*/\\1/p' "$STRATA_ITEMS_FILE" | while read -r p; do \
      test -f "$p" && echo ok; done | wc -l | tr -d ' ')
      echo "strata.progress epoch=1 loss=0.9 items=$n"
      echo "strata.progress epoch=2 loss=0.4 items=$n"
      cat "$STRATA_BASE_WEIGHTS" > "$STRATA_OUTPUT_DIR/model.bin"
      printf '%s' "$GREETING" >> "$STRATA_OUTPUT_DIR/model.bin"
      echo "{\\"accuracy\\": 0.5, \\"items\\": $n, \\"localFiles\\": $local_files}" > "$STRATA_OUTPUT_DIR/metrics.json"
      env | grep -E '^(STRATA_|CUDA_VISIBLE_DEVICES)' | sort > "$STRATA_OUTPUT_DIR/env.txt"
      """;

  @TempDir
  Path temp;

  private final SecureRandom random = new SecureRandom();
  private final CredentialGenerator credentials = new CredentialGenerator(random);
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private String scope;
  private LauncherSettings.ServiceTopics topics;
  private InMemorySchemaRegistryClient registry;
  private MasterKeyring keyring;
  private String adminToken;
  private App appA;
  private App appB;
  private LocalBlobStore blobs;
  private TrainerLauncherApplication service;

  private record App(String key, AppSecret secret) {}

  @BeforeEach
  void setUp() throws Exception {
    scope = TestTopics.unique("custom-trainer");
    topics = new LauncherSettings.ServiceTopics(scope + "-training-jobs", scope + "-datasets", scope + "-apps",
        scope + "-trainers", scope + "-items");
    kafka.createTopic(topics.trainingJobs(), 3);
    kafka.createTopic(topics.datasets(), 3);
    kafka.createTopic(topics.datasetVersionItems(), 3);
    kafka.createTopic(topics.apps(), 3, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(topics.trainers(), 3, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(scope + "-lease", 1);
    registry = InMemorySchemaRegistryClient.scoped(scope);
    byte[] key = new byte[32];
    random.nextBytes(key);
    keyring = MasterKeyring.parse("it-1:" + Base64.getEncoder().encodeToString(key));
    adminToken = "admin-" + UUID.randomUUID();
    blobs = new LocalBlobStore(temp.resolve("blobs"));

    var props = new HashMap<String, Object>(kafka.clientProperties());
    try (var apps = new KafkaProducer<>(props, new StringSerializer(), Topics.APPS.valueSerde(registry).serializer());
        var datasets = new KafkaProducer<>(props, new StringSerializer(),
            Topics.DATASETS.valueSerde(registry).serializer());
        var items = new KafkaProducer<>(props, new StringSerializer(),
            Topics.DATASET_VERSION_ITEMS.valueSerde(registry).serializer())) {
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
      String[] labels = {"cat", "dog", "cat", "dog"};
      Split[] splits = {Split.TRAIN, Split.TRAIN, Split.VALIDATION, Split.TEST};
      for (int i = 0; i < labels.length; i++) {
        var blob = blobs.put(new ByteArrayInputStream(("image-" + i).getBytes(StandardCharsets.UTF_8)), 1024);
        items.send(new ProducerRecord<>(topics.datasetVersionItems(), "cats/1", DatasetVersionItem.newBuilder()
            .setEventId(UUID.randomUUID().toString()).setTenantId("tenant-a").setOccurredAt(Instant.now())
            .setProducer("it").setDatasetId("cats").setVersion(1).setSampleId("s" + i)
            .setBlobUri(blob.uri().toString()).setSplit(splits[i]).setClassLabel(labels[i]).setBoxes(List.of())
            .setLabelIds(List.of("l" + i)).build())).get();
      }
      datasets.send(new ProducerRecord<>(topics.datasets(), "cats", DatasetEvent.newBuilder()
          .setEventId(UUID.randomUUID().toString()).setTenantId("tenant-a").setOccurredAt(Instant.now())
          .setProducer("it").setDatasetId("cats").setKind(DatasetEventKind.VERSION_CUT)
          .setVersionCut(VersionCut.newBuilder().setVersion(1).setContentHash("h1").setItemCount(4)
              .setCounts(List.of()).build()).build())).get();
    }
    service = startService();
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
    Path inventory = temp.resolve("inventory.txt");
    Files.writeString(inventory, "it-host -\n");
    Path tokenFile = temp.resolve("admin-token");
    Files.writeString(tokenFile, adminToken);
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    var lease = new LauncherSettings.LeaseSettings(scope + "-lease", scope + "-group", Duration.ofSeconds(6),
        Duration.ofSeconds(40));
    var settings = new LauncherSettings(kafka.bootstrapServers(), "http://localhost:1", temp.resolve("blobs")
        .toString(), temp.resolve("data"), 0, Optional.of(LauncherSettings.readTokenFile(tokenFile)),
        Optional.of(keyring), inventory.toString(), Optional.empty(), LauncherSettings.DEFAULT_BUILTIN_MAIN, "local",
        "default", topics, lease, "it-host");
    return TrainerLauncherApplication.start(settings, registry);
  }

  @Test
  void shouldRunARegisteredTrainerFromItsCodeWithItsWeightsAndPackageItsModel() throws Exception {
    var registered = call(appA, "POST", "/v1/trainers", """
        {"name":"shell-net","framework":"pytorch","command":["sh","train.sh"],
         "defaultHyperparameters":{"epochs":3,"lr":"0.1"},"description":"a shell script that pretends"}""");
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    assertThat(json.readTree(registered.body()).get("revision").asInt()).isEqualTo(1);

    var code = upload(appA, "/v1/trainers/shell-net/code", zip(Map.of("train.sh", TRAIN_SH,
        "lib/common.sh", "GREETING=from-code\n")));
    assertThat(code.statusCode()).as(code.body()).isEqualTo(200);
    assertThat(json.readTree(code.body()).at("/code/format").asText()).isEqualTo("zip");
    assertThat(json.readTree(code.body()).get("codeFiles").asInt()).isEqualTo(2);
    var weights = operatorUpload("/v1/trainers/shell-net/weights?tenantId=tenant-a",
        "base-weights-v7".getBytes(StandardCharsets.UTF_8));
    assertThat(weights.statusCode()).as(weights.body()).isEqualTo(200);
    assertThat(json.readTree(weights.body()).get("revision").asInt()).isEqualTo(3);

    var listed = json.readTree(call(appA, "GET", "/v1/trainers", null).body()).get("trainers");
    assertThat(listed).extracting(t -> t.get("name").asText()).containsExactly("builtin", "shell-net");

    var created = call(appA, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":1,"
        + "\"trainer\":\"shell-net\",\"modelName\":\"cats\",\"hyperparameters\":{\"lr\":\"0.5\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String jobId = json.readTree(created.body()).get("jobId").asText();

    JsonNode done = awaitState(appA, jobId, "SUCCEEDED");
    assertThat(kinds(jobId)).containsExactly(TrainingJobEventKind.REQUESTED, TrainingJobEventKind.SCHEDULED,
        TrainingJobEventKind.STARTED, TrainingJobEventKind.PROGRESS, TrainingJobEventKind.PROGRESS,
        TrainingJobEventKind.SUCCEEDED);
    assertThat(done.at("/progress/epoch").asInt()).isEqualTo(2);
    assertThat(done.at("/outcome/metrics/accuracy").asDouble()).isEqualTo(0.5);
    assertThat(done.at("/outcome/metrics/items").asDouble()).isEqualTo(4.0);
    assertThat(done.at("/outcome/metrics/localFiles").asDouble()).as("items.jsonl paths are local blob files")
        .isEqualTo(4.0);

    String sha = done.at("/outcome/artifactSha256").asText();
    assertThat(blobs.exists(sha)).isTrue();
    Map<String, String> artifact = unzip(sha);
    assertThat(artifact.keySet()).containsExactly("model.json", "env.txt", "metrics.json", "model.bin");
    assertThat(artifact.get("model.bin")).isEqualTo("base-weights-v7from-code");
    JsonNode model = json.readTree(artifact.get("model.json"));
    assertThat(model.get("format").asText()).isEqualTo("strata-model/1");
    assertThat(model.get("framework").asText()).isEqualTo("pytorch");
    assertThat(model.at("/trainer/name").asText()).isEqualTo("shell-net");
    assertThat(model.at("/trainer/framework").asText()).isEqualTo("PYTORCH");
    assertThat(model.get("classes")).extracting(JsonNode::asText).containsExactly("cat", "dog");
    assertThat(model.get("jobId").asText()).isEqualTo(jobId);
    assertThat(model.get("referenceProfileMissing").asText()).isNotBlank();
    assertThat(artifact.get("env.txt")).contains("CUDA_VISIBLE_DEVICES=\n", "STRATA_DATASET_ID=cats\n",
        "STRATA_DATASET_VERSION=1\n", "STRATA_FRAMEWORK=PYTORCH\n", "STRATA_JOB_ID=" + jobId + "\n",
        "STRATA_TENANT_ID=tenant-a\n", "STRATA_HYPERPARAMETERS={\"epochs\":\"3\",\"lr\":\"0.5\"}\n",
        "STRATA_ITEMS_FILE=", "STRATA_OUTPUT_DIR=", "STRATA_BASE_WEIGHTS=");

    var logs = call(appA, "GET", "/v1/training-jobs/" + jobId + "/logs", null);
    assertThat(logs.body()).contains("working in " + temp.resolve("data").resolve("training").resolve("work")
        .resolve(jobId).resolve("code").toAbsolutePath());
  }

  @Test
  void shouldFailWithTheLogsTailAndCancelByKillingTheProcess() throws Exception {
    operator("POST", "/v1/trainers", "{\"tenantId\":\"tenant-a\",\"name\":\"crashing\",\"command\":[\"sh\",\"-c\","
        + "\"echo about-to-crash; exit 3\"]}");
    operator("POST", "/v1/trainers", "{\"tenantId\":\"tenant-a\",\"name\":\"slow\",\"command\":[\"sh\",\"-c\","
        + "\"echo strata.progress epoch=1 loss=1.0; sleep 300\"]}");

    String crashing = submit("{\"datasetId\":\"cats\",\"datasetVersion\":1,\"trainer\":\"crashing\"}");
    assertThat(awaitState(appA, crashing, "FAILED").get("reason").asText())
        .isEqualTo("process exited with code 3; last lines of the log: about-to-crash");

    String slow = submit("{\"datasetId\":\"cats\",\"datasetVersion\":1,\"trainer\":\"slow\"}");
    await().atMost(WAIT).until(() -> kinds(slow).contains(TrainingJobEventKind.PROGRESS));
    assertThat(call(appA, "POST", "/v1/training-jobs/" + slow + "/cancel", "{}").statusCode()).isEqualTo(202);
    awaitState(appA, slow, "CANCELLED");
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 300"))
        .count()).as("no trainer process left").isZero();
  }

  @Test
  void shouldValidateRegistrationsAndUploads() throws Exception {
    assertThat(code(call(appA, "POST", "/v1/trainers", "{\"name\":\"builtin\",\"command\":[\"x\"]}")))
        .isEqualTo("INVALID_FIELD");
    assertThat(code(call(appA, "POST", "/v1/trainers", "{\"name\":\"Bad_Name\",\"command\":[\"x\"]}")))
        .isEqualTo("INVALID_FIELD");
    var empty = call(appA, "POST", "/v1/trainers", "{\"name\":\"ok\",\"command\":[]}");
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(json.readTree(empty.body()).get("message").asText()).contains("command");
    assertThat(code(call(appA, "POST", "/v1/trainers", "{\"name\":\"ok\",\"command\":[\"x\"],\"framework\":\"caffe\"}")))
        .isEqualTo("INVALID_FIELD");
    assertThat(code(call(appA, "POST", "/v1/trainers", "{not json"))).isEqualTo("INVALID_JSON");
    assertThat(call(appA, "POST", "/v1/trainers", "{\"name\":\"ok\",\"command\":[\"x\"]}").statusCode())
        .isEqualTo(201);
    var duplicate = call(appA, "POST", "/v1/trainers", "{\"name\":\"ok\",\"command\":[\"y\"]}");
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(code(duplicate)).isEqualTo("TRAINER_EXISTS");

    var notArchive = upload(appA, "/v1/trainers/ok/code", "#!/bin/sh\necho".getBytes(StandardCharsets.UTF_8));
    assertThat(notArchive.statusCode()).isEqualTo(422);
    assertThat(code(notArchive)).isEqualTo("INVALID_ARCHIVE");
    var slip = upload(appA, "/v1/trainers/ok/code", zip(Map.of("../../evil.sh", "rm -rf /")));
    assertThat(slip.statusCode()).isEqualTo(422);
    assertThat(json.readTree(slip.body()).get("message").asText()).contains("'..'");
    var tampered = tamperedUpload(appA, "/v1/trainers/ok/weights");
    assertThat(code(tampered)).as("a streamed body must be the signed one").isEqualTo("CONTENT_HASH_MISMATCH");
    assertThat(json.readTree(call(appA, "GET", "/v1/trainers/ok", null).body()).get("baseWeights").isNull()).isTrue();

    var updated = call(appA, "PUT", "/v1/trainers/ok", "{\"command\":[\"sh\",\"run.sh\"],\"image\":\"reg/ok:2\"}");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json.readTree(updated.body()).get("command")).extracting(JsonNode::asText)
        .containsExactly("sh", "run.sh");
    assertThat(json.readTree(updated.body()).get("revision").asInt()).isEqualTo(2);
    assertThat(code(call(appA, "PUT", "/v1/trainers/builtin", "{\"command\":[\"x\"]}"))).isEqualTo("BUILTIN_TRAINER");
    assertThat(json.readTree(call(appA, "GET", "/v1/trainers/builtin", null).body()).get("builtin").asBoolean())
        .isTrue();

    assertThat(call(appA, "DELETE", "/v1/trainers/ok", null).statusCode()).isEqualTo(200);
    assertThat(call(appA, "GET", "/v1/trainers/ok", null).statusCode()).isEqualTo(404);
    assertThat(code(call(appA, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":1,"
        + "\"trainer\":\"ok\"}"))).isEqualTo("UNKNOWN_TRAINER");
    // A request appended by the training trigger before the delete was seen fails clearly instead of hanging.
    writeJob(TrainingJobEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId("tenant-a")
        .setOccurredAt(Instant.now()).setProducer("training-trigger-it").setJobId("trigger-deleted")
        .setKind(TrainingJobEventKind.REQUESTED).setRequest(TrainingRequest.newBuilder().setDatasetId("cats")
            .setDatasetVersion(1).setPolicy("new-labels").setTrainer("ok").build()).build());
    assertThat(awaitState(appA, "trigger-deleted", "FAILED").get("reason").asText())
        .isEqualTo("trainer 'ok' of tenant 'tenant-a' was deleted; register it again or request the job with another "
            + "trainer");
    assertThat(call(appA, "POST", "/v1/trainers", "{\"name\":\"ok\",\"command\":[\"x\"]}").statusCode())
        .as("a deleted name can be registered again").isEqualTo(201);
  }

  @Test
  void shouldKeepTenantsApartOnEveryEndpoint() throws Exception {
    assertThat(call(appA, "POST", "/v1/trainers", "{\"name\":\"secret-net\",\"command\":[\"x\"]}").statusCode())
        .isEqualTo(201);

    assertThat(code(call(appB, "GET", "/v1/trainers/secret-net", null))).isEqualTo("TRAINER_NOT_FOUND");
    assertThat(call(appB, "PUT", "/v1/trainers/secret-net", "{\"command\":[\"y\"]}").statusCode()).isEqualTo(404);
    assertThat(upload(appB, "/v1/trainers/secret-net/code", zip(Map.of("a", "b"))).statusCode()).isEqualTo(404);
    assertThat(upload(appB, "/v1/trainers/secret-net/weights", new byte[] {1}).statusCode()).isEqualTo(404);
    assertThat(call(appB, "DELETE", "/v1/trainers/secret-net", null).statusCode()).isEqualTo(404);
    assertThat(json.readTree(call(appB, "GET", "/v1/trainers", null).body()).get("trainers"))
        .extracting(t -> t.get("name").asText()).containsExactly("builtin");
    assertThat(code(call(appB, "POST", "/v1/trainers", "{\"tenantId\":\"tenant-a\",\"name\":\"x\",\"command\":[\"x\"]}")))
        .isEqualTo("INVALID_FIELD");
    var otherTenant = call(appB, "POST", "/v1/training-jobs", "{\"datasetId\":\"cats\",\"datasetVersion\":1,"
        + "\"trainer\":\"secret-net\"}");
    assertThat(code(otherTenant)).isEqualTo("UNKNOWN_TRAINER");
    // Names are per tenant: B may use the same one, and the operator sees both.
    assertThat(call(appB, "POST", "/v1/trainers", "{\"name\":\"secret-net\",\"command\":[\"z\"]}").statusCode())
        .isEqualTo(201);
    assertThat(json.readTree(call(appA, "GET", "/v1/trainers/secret-net", null).body()).get("command").get(0).asText())
        .isEqualTo("x");
    assertThat(json.readTree(operator("GET", "/v1/trainers", null).body()).get("trainers"))
        .extracting(t -> t.path("tenantId").asText() + ":" + t.get("name").asText())
        .containsExactly(":builtin", "tenant-a:secret-net", "tenant-b:secret-net");
    assertThat(code(operator("GET", "/v1/trainers/secret-net", null))).isEqualTo("INVALID_FIELD");
  }

  // ---- helpers ----

  private String submit(String body) throws Exception {
    var response = call(appA, "POST", "/v1/training-jobs", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).get("jobId").asText();
  }

  private JsonNode awaitState(App app, String jobId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(WAIT).untilAsserted(() -> {
      var response = call(app, "GET", "/v1/training-jobs/" + jobId, null);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      last[0] = json.readTree(response.body());
      assertThat(last[0].get("state").asText()).as(response.body()).isEqualTo(state);
    });
    return last[0];
  }

  private HttpResponse<String> call(App app, String method, String pathAndQuery, String body) throws Exception {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return signed(app, method, pathAndQuery, bytes, bytes);
  }

  private HttpResponse<String> upload(App app, String pathAndQuery, byte[] bytes) throws Exception {
    return signed(app, "PUT", pathAndQuery, bytes, bytes);
  }

  private HttpResponse<String> tamperedUpload(App app, String pathAndQuery) throws Exception {
    return signed(app, "PUT", pathAndQuery, "signed".getBytes(StandardCharsets.UTF_8),
        "sent!!".getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> signed(App app, String method, String pathAndQuery, byte[] signedBody, byte[] sent)
      throws Exception {
    URI uri = uri(pathAndQuery);
    var builder = HttpRequest.newBuilder(uri).method(method, sent.length == 0 && !method.equals("PUT")
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(sent));
    RequestSigner.create(app.key(), app.secret()).sign(method, uri, signedBody).asMap().forEach(builder::header);
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> operator(String method, String pathAndQuery, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + adminToken)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> operatorUpload(String pathAndQuery, byte[] bytes) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + adminToken)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://localhost:" + service.port() + pathAndQuery);
  }

  private String code(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body()).get("code").asText();
  }

  private static byte[] zip(Map<String, String> files) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      for (var file : new java.util.TreeMap<>(files).entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private Map<String, String> unzip(String sha) throws Exception {
    var entries = new LinkedHashMap<String, String>();
    try (var in = new ZipInputStream(blobs.open(sha))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  private List<TrainingJobEventKind> kinds(String jobId) {
    var found = new ArrayList<TrainingJobEventKind>();
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
            found.add(record.value().getKind());
          }
        }
      }
    }
    return found;
  }

  private void writeJob(TrainingJobEvent event) throws Exception {
    try (var producer = new KafkaProducer<>(new HashMap<String, Object>(kafka.clientProperties()),
        new StringSerializer(), Topics.TRAINING_JOBS.valueSerde(registry).serializer())) {
      producer.send(new ProducerRecord<>(topics.trainingJobs(), event.getJobId(), event)).get();
    }
  }
}
