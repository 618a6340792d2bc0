package io.strata.serving;

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
import io.strata.events.ApiCall;
import io.strata.events.AppEvent;
import io.strata.events.AppEventKind;
import io.strata.events.AppLimits;
import io.strata.events.FeatureProfile;
import io.strata.events.ModelEvent;
import io.strata.events.ModelEventKind;
import io.strata.events.ModelPublished;
import io.strata.events.ModelStage;
import io.strata.events.Prediction;
import io.strata.events.ReferenceProfile;
import io.strata.events.StageChange;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.Topics;
import io.strata.trainer.builtin.Hyperparameters;
import io.strata.trainer.builtin.artifact.ModelArtifact;
import io.strata.trainer.builtin.artifact.ModelDescription;
import io.strata.trainer.builtin.images.PixelTensor;
import io.strata.trainer.builtin.profile.ImageFeatures;
import io.strata.trainer.builtin.profile.ReferenceProfiles;
import io.strata.trainer.builtin.samples.ShapeImages;
import io.strata.trainer.builtin.training.ClassifierTraining;
import io.strata.trainer.builtin.training.DjlEnvironment;
import io.strata.trainer.builtin.training.LabelledTensors;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving service on a real broker: a model trained here and published on the {@code models} topic, called
 * with signed requests by apps of two tenants; every call metered on {@code api-calls}, every answer on
 * {@code predictions}.
 */
class ServingIT {

  private static final String MODEL = "shapes";
  private static final List<String> CLASSES = ShapeImages.CLASSES;

  private final EmbeddedKafka kafka = EmbeddedKafka.shared();
  private final SecureRandom random = new SecureRandom();
  private final CredentialGenerator credentials = new CredentialGenerator(random);
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @TempDir
  static Path shared;

  @TempDir
  Path temp;

  private static Path artifact;
  private static String artifactSha;

  private ServingSettings.ServingTopics topics;
  private InMemorySchemaRegistryClient registry;
  private SecretCipher cipher;
  private App appA;
  private App appB;
  private KafkaProducer<String, AppEvent> appsProducer;
  private KafkaProducer<String, ModelEvent> modelsProducer;
  private LocalBlobStore blobs;
  private ServingApplication service;

  private record App(String key, AppSecret secret, String tenantId) {}

  /** One small CNN, trained once for the class (2 epochs: the answers' quality is not what is tested). */
  @BeforeAll
  static void trainAModel() throws Exception {
    DjlEnvironment.prepare(Path.of("target", "djl-cache").toAbsolutePath());
    var hyperparameters = new Hyperparameters(2, 32, 16, 0.003, 3, "cnn");
    var shapes = new ShapeImages(5, 64);
    List<float[]> pixels = new ArrayList<>();
    int[] labels = new int[60];
    for (int i = 0; i < 60; i++) {
      var shape = shapes.draw(i);
      pixels.add(PixelTensor.of(shape.image(), 32));
      labels[i] = CLASSES.indexOf(shape.classLabel());
    }
    var set = new LabelledTensors(pixels, labels, 32);
    try (var training = ClassifierTraining.start(hyperparameters, CLASSES.size())) {
      training.epoch(1, set, set);
      training.epoch(2, set, set);
      Path parameters = training.saveParameters(shared.resolve("model"));
      var profile = ReferenceProfiles.build(List.of(new ImageFeatures(100, 20, 64, 64),
          new ImageFeatures(120, 30, 64, 64)), CLASSES);
      artifact = ModelArtifact.write(shared.resolve("artifact.zip"), new ModelDescription("cnn", CLASSES, Map.of(),
          "ds", 1, "job-1", ClassifierTraining.MODEL_NAME + "-0000.params", profile, "cpu()", hyperparameters),
          parameters);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    String scope = TestTopics.unique("serving");
    topics = new ServingSettings.ServingTopics(scope + "-models", scope + "-apps", scope + "-api-calls",
        scope + "-predictions");
    kafka.createTopic(topics.models(), 3);
    kafka.createTopic(topics.apps(), 3, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(topics.apiCalls(), 3);
    kafka.createTopic(topics.predictions(), 3);
    registry = InMemorySchemaRegistryClient.scoped(scope);
    byte[] key = new byte[32];
    random.nextBytes(key);
    var keyring = MasterKeyring.parse("it-1:" + Base64.getEncoder().encodeToString(key));
    cipher = new SecretCipher(keyring, random);
    blobs = new LocalBlobStore(temp.resolve("blobs"));
    artifactSha = blobs.put(Files.newInputStream(artifact), 100_000_000).sha256();

    var props = new HashMap<String, Object>(kafka.clientProperties());
    appsProducer = new KafkaProducer<>(props, new StringSerializer(), Topics.APPS.valueSerde(registry).serializer());
    modelsProducer = new KafkaProducer<>(props, new StringSerializer(),
        Topics.MODELS.valueSerde(registry).serializer());
    closing.add(appsProducer);
    closing.add(modelsProducer);
    appA = new App(credentials.newAppKey(), credentials.newSecret(), "tenant-a");
    appB = new App(credentials.newAppKey(), credentials.newSecret(), "tenant-b");
    register(appA, false);
    register(appB, false);
    publish(1);
    stage(1, ModelStage.NONE, ModelStage.PRODUCTION);

    var settings = new ServingSettings(kafka.bootstrapServers(), "mock://" + scope, temp.resolve("blobs").toString(),
        temp.resolve("data"), 0, keyring, 1_000_000, 2, topics, "it");
    service = ServingApplication.start(settings, registry);
    closing.add(0, service);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void shouldClassifyMeterAndRecordThePredictionOfASignedCall() throws Exception {
    byte[] image = png(new ShapeImages(9, 64).draw(0).image());

    HttpResponse<String> response = predict(appA, "/v1/models/shapes/predict", image);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("model").asText()).isEqualTo(MODEL);
    assertThat(body.path("version").asInt()).isEqualTo(1);
    assertThat(body.path("stage").asText()).isEqualTo("PRODUCTION");
    assertThat(CLASSES).contains(body.path("predictedClass").asText());
    assertThat(body.path("classScores").size()).isEqualTo(3);
    String requestId = body.path("requestId").asText();
    assertThat(response.headers().firstValue("X-Request-Id")).contains(requestId);

    // Acknowledged before the answer: both records are already in the topics.
    List<ApiCall> calls = readAll(topics.apiCalls(), Topics.API_CALLS.valueSerde(registry).deserializer());
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call.getAppKey()).isEqualTo(appA.key());
      assertThat(call.getTenantId()).isEqualTo("tenant-a");
      assertThat(call.getStatus()).isEqualTo(200);
      assertThat(call.getBillableUnits()).isEqualTo(1);
      assertThat(call.getModelVersion()).isEqualTo(1);
      assertThat(call.getRequestId()).isEqualTo(requestId);
      assertThat(call.getDimensions()).containsEntry("stage", "PRODUCTION").containsEntry("imageSize", "S");
    });
    List<Prediction> predictions = readAll(topics.predictions(),
        Topics.PREDICTIONS.valueSerde(registry).deserializer());
    assertThat(predictions).singleElement().satisfies(p -> {
      assertThat(p.getRequestId()).isEqualTo(requestId);
      assertThat(p.getPredictedClass()).isEqualTo(body.path("predictedClass").asText());
      assertThat(p.getFeatures()).containsOnlyKeys(ImageFeatures.NAMES).containsEntry("width", 64.0);
    });
  }

  @Test
  void shouldFindModelsOnlyInTheCallersTenant() throws Exception {
    byte[] image = png(new ShapeImages(9, 64).draw(1).image());

    var other = predict(appB, "/v1/models/shapes/predict", image);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(json.readTree(other.body()).path("code").asText()).isEqualTo("MODEL_NOT_FOUND");
    var listed = predictLike(appB, "GET", "/v1/models", new byte[0]);
    assertThat(json.readTree(listed.body()).path("models").size()).isZero();
    var own = predictLike(appA, "GET", "/v1/models", new byte[0]);
    assertThat(own.body()).contains("\"name\":\"shapes\"", "\"production\":1");

    List<ApiCall> calls = readAll(topics.apiCalls(), Topics.API_CALLS.valueSerde(registry).deserializer());
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call.getTenantId()).isEqualTo("tenant-b");
      assertThat(call.getStatus()).isEqualTo(404);
      assertThat(call.getErrorCode()).isEqualTo("MODEL_NOT_FOUND");
      assertThat(call.getBillableUnits()).isZero();
    });
  }

  @Test
  void shouldRefuseUnsignedBlockedAndBadCallsWithStableCodes() throws Exception {
    byte[] image = png(new ShapeImages(9, 64).draw(2).image());
    var unsigned = http.send(HttpRequest.newBuilder(uri("/v1/models/shapes/predict"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(code(unsigned)).isEqualTo("UNAUTHENTICATED");

    var notAnImage = predict(appA, "/v1/models/shapes/predict", "not an image".getBytes());
    assertThat(notAnImage.statusCode()).isEqualTo(415);
    assertThat(code(notAnImage)).isEqualTo("UNSUPPORTED_TYPE");
    byte[] truncated = java.util.Arrays.copyOf(image, image.length / 3);
    var corrupt = predict(appA, "/v1/models/shapes/predict", truncated);
    assertThat(corrupt.statusCode()).isEqualTo(400);
    assertThat(code(corrupt)).isEqualTo("CORRUPT_IMAGE");
    var staging = predict(appA, "/v1/models/shapes/predict?stage=STAGING", image);
    assertThat(staging.statusCode()).isEqualTo(404);
    assertThat(code(staging)).isEqualTo("NO_VERSION_IN_STAGE");

    register(appA, true);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(predict(appA, "/v1/models/shapes/predict", image).statusCode()).isEqualTo(403));

    List<ApiCall> calls = readAll(topics.apiCalls(), Topics.API_CALLS.valueSerde(registry).deserializer());
    assertThat(calls).extracting(ApiCall::getErrorCode).contains("UNSUPPORTED_TYPE", "CORRUPT_IMAGE",
        "NO_VERSION_IN_STAGE", "APP_BLOCKED");
    assertThat(calls).allSatisfy(call -> assertThat(call.getBillableUnits()).isZero());
  }

  @Test
  void shouldServeTheNewProductionVersionOnceItIsPromoted() throws Exception {
    byte[] image = png(new ShapeImages(9, 64).draw(3).image());
    assertThat(json.readTree(predict(appA, "/v1/models/shapes/predict", image).body()).path("version").asInt())
        .isEqualTo(1);

    publish(2);
    stage(1, ModelStage.PRODUCTION, ModelStage.ARCHIVED);
    stage(2, ModelStage.NONE, ModelStage.PRODUCTION);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json.readTree(
        predict(appA, "/v1/models/shapes/predict", image).body()).path("version").asInt()).isEqualTo(2));
    var pinned = predict(appA, "/v1/models/shapes/predict?version=1", image);
    assertThat(pinned.statusCode()).isEqualTo(200);
    assertThat(json.readTree(pinned.body()).path("stage").asText()).isEqualTo("ARCHIVED");
  }

  private void register(App app, boolean blocked) throws Exception {
    appsProducer.send(new ProducerRecord<>(topics.apps(), app.key(), AppEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setTenantId(app.tenantId()).setOccurredAt(Instant.now())
        .setProducer("it").setAppKey(app.key()).setKind(blocked ? AppEventKind.BLOCKED : AppEventKind.REGISTERED)
        .setName("it-app").setSecret(cipher.encrypt(app.key(), app.secret())).setBlocked(blocked)
        .setReason(blocked ? "it: blocked" : null).setLimits(AppLimits.newBuilder().build()).build())).get();
  }

  private void publish(int version) throws Exception {
    var profile = ReferenceProfile.newBuilder().setFeatures(List.of(FeatureProfile.newBuilder().setName("brightness")
        .setBinEdges(List.of(0.0, 128.0, 256.0)).setBinFractions(List.of(0.5, 0.5)).build()))
        .setClassDistribution(Map.of("circle", 0.34, "square", 0.33, "triangle", 0.33)).build();
    modelsProducer.send(new ProducerRecord<>(topics.models(), "tenant-a/" + MODEL, ModelEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setTenantId("tenant-a").setOccurredAt(Instant.now())
        .setProducer("it").setModelName(MODEL).setVersion(version).setKind(ModelEventKind.VERSION_PUBLISHED)
        .setPublished(ModelPublished.newBuilder().setJobId("job-" + version).setDatasetId("ds").setDatasetVersion(1)
            .setArtifactUri("blob:sha256/" + artifactSha).setArtifactSha256(artifactSha)
            .setFramework(ModelDescription.FRAMEWORK).setClasses(CLASSES).setMetrics(Map.of())
            .setReferenceProfile(profile).build()).build())).get();
  }

  private void stage(int version, ModelStage from, ModelStage to) throws Exception {
    modelsProducer.send(new ProducerRecord<>(topics.models(), "tenant-a/" + MODEL, ModelEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString()).setTenantId("tenant-a").setOccurredAt(Instant.now())
        .setProducer("it").setModelName(MODEL).setVersion(version).setKind(ModelEventKind.STAGE_CHANGED)
        .setStageChange(StageChange.newBuilder().setFrom(from).setTo(to).setReason("it").setChangedBy("it").build())
        .build())).get();
  }

  private HttpResponse<String> predict(App app, String pathAndQuery, byte[] body) throws Exception {
    return predictLike(app, "POST", pathAndQuery, body);
  }

  private HttpResponse<String> predictLike(App app, String method, String pathAndQuery, byte[] body)
      throws Exception {
    URI uri = uri(pathAndQuery);
    var builder = HttpRequest.newBuilder(uri).method(method, body.length == 0 && method.equals("GET")
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    RequestSigner.create(app.key(), app.secret()).sign(method, uri, body).asMap().forEach(builder::header);
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://localhost:" + service.port() + pathAndQuery);
  }

  private String code(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body()).path("code").asText();
  }

  private <V> List<V> readAll(String topic, org.apache.kafka.common.serialization.Deserializer<V> deserializer) {
    var props = new HashMap<String, Object>(kafka.clientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var values = new ArrayList<V>();
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer)) {
      var partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }

  private static byte[] png(java.awt.image.BufferedImage image) {
    return ShapeImages.encode(image, "png");
  }
}
