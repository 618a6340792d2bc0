package io.strata.registry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.blobstore.BlobRef;
import io.strata.blobstore.LocalBlobStore;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingOutcome;
import io.strata.events.TrainingRequest;
import io.strata.registry.testing.ControlPlaneFixture;
import io.strata.registry.testing.ControlPlaneFixture.Reply;
import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The model registry on a real broker, with real zip artifacts in a local blob store. */
class ModelsIT {

  private static ControlPlaneFixture fixture;
  private static LocalBlobStore blobs;
  private static KafkaProducer<String, TrainingJobEvent> jobs;

  @BeforeAll
  static void start() throws IOException {
    Path blobDir = Files.createTempDirectory("strata-models-it-");
    blobs = new LocalBlobStore(blobDir);
    var topics = new LinkedHashMap<String, Integer>();
    topics.put(ModelSettings.MODELS_TOPIC, 3);
    topics.put(ModelSettings.JOBS_TOPIC, 3);
    topics.put("strata.datasets.topic", 3);
    topics.put("strata.datasets.items-topic", 6);
    fixture = new ControlPlaneFixture(topics, Map.of(ModelSettings.BLOB_STORE, blobDir.toString()));
    jobs = new KafkaProducer<>(new HashMap<>(Map.of("bootstrap.servers", fixture.kafka.bootstrapServers())),
        new StringSerializer(), Topics.TRAINING_JOBS.valueSerde(fixture.serdeConfig()).serializer());
  }

  @AfterAll
  static void stop() {
    jobs.close();
    fixture.close();
  }

  @Test
  void shouldPublishASucceededJobOnce() {
    String model = "pets-" + System.nanoTime();
    String jobId = succeededJob(fixture.tenantA, null, artifact(0.91));
    Reply published = publishOnceKnown(model, jobId);
    assertThat(published.status()).as(published.body()).isEqualTo(201);
    JsonNode v1 = published.json();
    assertThat(v1.path("version").asInt()).isEqualTo(1);
    assertThat(v1.path("stage").asText()).isEqualTo("NONE");
    assertThat(v1.path("jobId").asText()).isEqualTo(jobId);
    assertThat(v1.path("datasetId").asText()).isEqualTo("pets-data");
    assertThat(v1.path("datasetVersion").asInt()).isEqualTo(3);
    assertThat(v1.path("framework").asText()).isEqualTo("djl-pytorch-2.7.1");
    assertThat(v1.path("classes").get(1).asText()).isEqualTo("dog");
    assertThat(v1.path("metrics").path("accuracy").asDouble()).isEqualTo(0.91);
    assertThat(v1.path("metrics").path("loss").asDouble()).as("the job's own metrics are kept").isEqualTo(0.3);
    assertThat(v1.path("referenceProfile").path("features").get(0).path("binEdges")).hasSize(3);
    assertThat(v1.path("referenceProfile").path("classDistribution").path("cat").asDouble()).isEqualTo(0.5);
    assertThat(v1.path("artifactSha256").asText()).hasSize(64);

    Reply twice = fixture.appA("POST", "/v1/models/" + model + "/versions", "{\"jobId\":\"" + jobId + "\"}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.code()).isEqualTo("JOB_ALREADY_PUBLISHED");
    String second = succeededJob(fixture.tenantA, null, artifact(0.95));
    var v2Reply = new Reply[1];
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      v2Reply[0] = fixture.operator("POST", "/v1/models/" + model + "/versions?tenantId=" + fixture.tenantA,
          "{\"jobId\":\"" + second + "\"}");
      return !v2Reply[0].code().equals("JOB_NOT_FOUND");
    });
    Reply v2 = v2Reply[0];
    assertThat(v2.status()).as(v2.body()).isEqualTo(201);
    assertThat(v2.json().path("version").asInt()).isEqualTo(2);

    String running = UUID.randomUUID().toString();
    append(requested(running, fixture.tenantA, null));
    assertThat(publishOnceKnown(model, running).code()).isEqualTo("JOB_NOT_SUCCEEDED");
    assertThat(fixture.appA("POST", "/v1/models/" + model + "/versions", "{\"jobId\":\"nope\"}").code())
        .isEqualTo("JOB_NOT_FOUND");
    assertThat(fixture.appA("POST", "/v1/models/" + model + "/versions", "{}").code()).isEqualTo("INVALID_JOB_ID");
    assertThat(fixture.appA("POST", "/v1/models/bad%20name/versions", "{\"jobId\":\"" + second + "\"}").code())
        .isEqualTo("INVALID_MODEL_NAME");
    String notZip = succeededJob(fixture.tenantA, null, store("not a zip".getBytes(StandardCharsets.UTF_8)));
    Reply unreadable = publishOnceKnown(model, notZip);
    assertThat(unreadable.status()).isEqualTo(422);
    assertThat(unreadable.code()).isEqualTo("ARTIFACT_UNREADABLE");
    BlobRef real = artifact(0.5);
    String lying = UUID.randomUUID().toString();
    append(requested(lying, fixture.tenantA, null));
    append(succeeded(lying, fixture.tenantA, real.uri().toString(), "0".repeat(64)));
    assertThat(publishOnceKnown(model, lying).code()).isEqualTo("ARTIFACT_UNREADABLE");

    Reply model1 = fixture.appA("GET", "/v1/models/" + model, null);
    assertThat(model1.json().path("versions")).hasSize(2);
    assertThat(fixture.operator("GET", "/v1/models/" + model, null).code()).isEqualTo("TENANT_REQUIRED");
    assertThat(fixture.operator("GET", "/v1/models/" + model + "?tenantId=" + fixture.tenantA, null).status())
        .isEqualTo(200);
    assertThat(fixture.appA("GET", "/v1/models", null).json().path("models").findValuesAsText("modelName"))
        .contains(model);
    assertThat(fixture.appB("GET", "/v1/models", null).json().path("models").findValuesAsText("modelName"))
        .doesNotContain(model);
  }

  @Test
  void shouldPublishSucceededJobsThatNameTheirModelOnceAcrossRestarts() {
    String model = "auto-" + System.nanoTime();
    String jobId = succeededJob(fixture.tenantA, model, artifact(0.8));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Reply got = fixture.appA("GET", "/v1/models/" + model + "/versions/1", null);
      assertThat(got.status()).as(got.body()).isEqualTo(200);
      assertThat(got.json().path("jobId").asText()).isEqualTo(jobId);
    });
    try (var restarted = fixture.start()) {
      var headers = Map.of("Authorization", "Bearer " + fixture.token);
      String path = "/v1/models/" + model + "?tenantId=" + fixture.tenantA;
      assertThat(ControlPlaneFixture.send(restarted, "GET", path, null, headers).json().path("versions")).hasSize(1);
      String next = succeededJob(fixture.tenantA, model, artifact(0.85));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(fixture.appA("GET", "/v1/models/" + model, null).json().path("versions")).hasSize(2));
      // Two registries ran; the job is still published once (the second saw the first's version on the log).
      assertThat(fixture.appA("GET", "/v1/models/" + model, null).json().path("versions").findValuesAsText("jobId"))
          .containsExactly(jobId, next);
    }
  }

  @Test
  void shouldSendAJobWhoseArtifactCannotBeReadToTheDeadLetters() {
    String model = "broken-" + System.nanoTime();
    String jobId = succeededJob(fixture.tenantA, model, store("garbage".getBytes(StandardCharsets.UTF_8)));
    var props = new HashMap<String, Object>(Map.of("bootstrap.servers", fixture.kafka.bootstrapServers()));
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions = consumer.partitionsFor(Topics.DEAD_LETTERS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (jobId.equals(record.key())) {
            String reason = new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                StandardCharsets.UTF_8);
            return reason.startsWith("ARTIFACT_UNREADABLE");
          }
        }
        return false;
      });
    }
    assertThat(fixture.appA("GET", "/v1/models/" + model, null).code()).isEqualTo("MODEL_NOT_FOUND");
  }

  @Test
  void shouldChangeStagesWithReasonsCompareAndDownload() throws IOException {
    String model = "staged-" + System.nanoTime();
    BlobRef first = artifact(0.7);
    publish(model, first);
    publish(model, artifact(0.9));
    String base = "/v1/models/" + model + "/versions/";
    assertThat(fixture.appA("POST", base + "1/stage", "{\"stage\":\"PRODUCTION\"}").code()).isEqualTo("REASON_REQUIRED");
    assertThat(fixture.appA("POST", base + "1/stage", "{\"stage\":\"LIVE\",\"reason\":\"x\"}").code())
        .isEqualTo("INVALID_STAGE");
    assertThat(fixture.appA("POST", base + "9/stage", "{\"stage\":\"STAGING\",\"reason\":\"x\"}").code())
        .isEqualTo("VERSION_NOT_FOUND");
    Reply promoted = fixture.appA("POST", base + "1/stage", "{\"stage\":\"PRODUCTION\",\"reason\":\"first model\"}");
    assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
    assertThat(promoted.json().path("stage").asText()).isEqualTo("PRODUCTION");
    assertThat(promoted.json().path("stageHistory").get(0).path("reason").asText()).isEqualTo("first model");
    assertThat(promoted.json().path("stageHistory").get(0).path("changedBy").asText()).startsWith("app:");
    assertThat(fixture.appA("POST", base + "1/stage", "{\"stage\":\"PRODUCTION\",\"reason\":\"again\"}").code())
        .isEqualTo("STAGE_UNCHANGED");

    Reply replaced = fixture.operator("POST", base + "2/stage", "{\"tenantId\":\"" + fixture.tenantA
        + "\",\"stage\":\"PRODUCTION\",\"reason\":\"better accuracy\"}");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().path("archivedVersions").get(0).asInt()).isEqualTo(1);
    JsonNode v1 = fixture.appA("GET", base + "1", null).json();
    assertThat(v1.path("stage").asText()).isEqualTo("ARCHIVED");
    assertThat(v1.path("stageHistory").get(1).path("reason").asText()).contains("better accuracy");
    assertThat(v1.path("stageHistory").get(1).path("changedBy").asText()).isEqualTo("operator");
    Reply kept = fixture.appA("POST", base + "1/stage",
        "{\"stage\":\"PRODUCTION\",\"reason\":\"A/B test\",\"archiveExisting\":false}");
    assertThat(kept.json().path("archivedVersions")).isEmpty();
    assertThat(fixture.appA("GET", "/v1/models/" + model, null).json().path("productionVersions"))
        .hasSize(2);

    Reply compared = fixture.appA("GET", "/v1/models/" + model + "/compare?versions=1,2", null);
    assertThat(compared.status()).as(compared.body()).isEqualTo(200);
    assertThat(compared.json().path("metrics").path("accuracy").path("1").asDouble()).isEqualTo(0.7);
    assertThat(compared.json().path("metrics").path("accuracy").path("2").asDouble()).isEqualTo(0.9);
    assertThat(compared.json().path("sameClasses").asBoolean()).isTrue();
    assertThat(compared.json().path("versions")).hasSize(2);
    assertThat(fixture.appA("GET", "/v1/models/" + model + "/compare?versions=1", null).code())
        .isEqualTo("INVALID_VERSIONS");

    Reply download = fixture.appA("GET", base + "1/artifact", null);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.headers().get("x-strata-artifact-sha256")).containsExactly(first.sha256());
    byte[] expected;
    try (var in = blobs.open(first.sha256())) {
      expected = in.readAllBytes();
    }
    assertThat(download.body().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
  }

  record Endpoint(String method, String template, String body) {
    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  static Stream<Endpoint> endpoints() {
    return Stream.of(new Endpoint("GET", "/v1/models/{m}", null),
        new Endpoint("GET", "/v1/models/{m}/versions/1", null),
        new Endpoint("POST", "/v1/models/{m}/versions/1/stage", "{\"stage\":\"STAGING\",\"reason\":\"x\"}"),
        new Endpoint("GET", "/v1/models/{m}/compare?versions=1,2", null),
        new Endpoint("GET", "/v1/models/{m}/versions/1/artifact", null));
  }

  private static String isolatedModel;

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void shouldAnswerAnotherTenantsAppAsIfTheModelDidNotExist(Endpoint endpoint) {
    synchronized (ModelsIT.class) {
      if (isolatedModel == null) {
        isolatedModel = "isolated-" + System.nanoTime();
        publish(isolatedModel, artifact(0.6));
        publish(isolatedModel, artifact(0.61));
      }
    }
    Reply reply = fixture.appB(endpoint.method(), endpoint.template().replace("{m}", isolatedModel), endpoint.body());
    assertThat(reply.status()).as(reply.body()).isEqualTo(404);
    assertThat(reply.code()).isEqualTo("MODEL_NOT_FOUND");
    Reply missing = fixture.appB(endpoint.method(), endpoint.template().replace("{m}", "never-published"),
        endpoint.body());
    assertThat(missing.body()).isEqualTo(reply.body().replace(isolatedModel, "never-published"));
    // Tenant B cannot publish tenant A's (known) job under its own name either.
    String jobOfA = fixture.appA("GET", "/v1/models/" + isolatedModel + "/versions/1", null).json().path("jobId")
        .asText();
    assertThat(fixture.appB("POST", "/v1/models/" + isolatedModel + "/versions", "{\"jobId\":\"" + jobOfA + "\"}")
        .code()).isEqualTo("JOB_NOT_FOUND");
    assertThat(fixture.appA("GET", "/v1/models/" + isolatedModel + "/versions/1", null).json().path("stage").asText())
        .isEqualTo("NONE");
  }

  // ---------------------------------------------------------------- helpers

  private static void publish(String model, BlobRef artifact) {
    String jobId = UUID.randomUUID().toString();
    append(requested(jobId, fixture.tenantA, null));
    append(succeeded(jobId, fixture.tenantA, artifact.uri().toString(), artifact.sha256()));
    Reply reply = publishOnceKnown(model, jobId);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  /** Publishes as app A once the registry's view of training-jobs has read the job (it reads it shortly after). */
  private static Reply publishOnceKnown(String model, String jobId) {
    var reply = new Reply[1];
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      reply[0] = fixture.appA("POST", "/v1/models/" + model + "/versions", "{\"jobId\":\"" + jobId + "\"}");
      return !reply[0].code().equals("JOB_NOT_FOUND");
    });
    return reply[0];
  }

  private static String succeededJob(String tenant, String modelName, BlobRef artifact) {
    String jobId = UUID.randomUUID().toString();
    append(requested(jobId, tenant, modelName));
    append(succeeded(jobId, tenant, artifact.uri().toString(), artifact.sha256()));
    return jobId;
  }

  static TrainingJobEvent requested(String jobId, String tenant, String modelName) {
    return base(jobId, tenant).setKind(TrainingJobEventKind.REQUESTED)
        .setRequest(TrainingRequest.newBuilder().setDatasetId("pets-data").setDatasetVersion(3).setPolicy("manual")
            .setTrainer("builtin").setModelName(modelName).build()).build();
  }

  static TrainingJobEvent succeeded(String jobId, String tenant, String uri, String sha) {
    return base(jobId, tenant).setKind(TrainingJobEventKind.SUCCEEDED)
        .setOutcome(new TrainingOutcome(uri, sha, Map.of("loss", 0.3))).build();
  }

  private static TrainingJobEvent.Builder base(String jobId, String tenant) {
    return TrainingJobEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setOccurredAt(Instant.now()).setProducer("test").setJobId(jobId);
  }

  private static void append(TrainingJobEvent event) {
    try {
      jobs.send(new ProducerRecord<>(fixture.topic(ModelSettings.JOBS_TOPIC), event.getJobId(), event)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A real artifact: a zip with model.json and a parameter file. */
  static BlobRef artifact(double accuracy) {
    String manifest = "{\"format\":\"strata-model/1\",\"framework\":\"djl-pytorch-2.7.1\",\"architecture\":\"mlp\","
        + "\"imageSize\":28,\"classes\":[\"cat\",\"dog\"],\"metrics\":{\"accuracy\":" + accuracy + "},"
        + "\"datasetId\":\"pets-data\",\"datasetVersion\":3,\"jobId\":\"j\",\"parameters\":\"model-0000.params\","
        + "\"referenceProfile\":{\"features\":[{\"name\":\"brightness\",\"binEdges\":[0,128,255],"
        + "\"binFractions\":[0.4,0.6]}],\"classDistribution\":{\"cat\":0.5,\"dog\":0.5}}}";
    var zip = new ByteArrayOutputStream();
    try (var out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("model-0000.params"));
      out.write(("weights " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("model.json"));
      out.write(manifest.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return store(zip.toByteArray());
  }

  static BlobRef store(byte[] bytes) {
    try {
      return blobs.put(new ByteArrayInputStream(bytes), 1 << 20);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
