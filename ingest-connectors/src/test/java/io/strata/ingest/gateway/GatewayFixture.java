package io.strata.ingest.gateway;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.auth.secrets.SecretCipher;
import io.strata.auth.signing.ContentHash;
import io.strata.auth.signing.RequestSigner;
import io.strata.events.AppEvent;
import io.strata.events.AppEventKind;
import io.strata.events.AppLimits;
import io.strata.events.IngestRejection;
import io.strata.events.LabelEvent;
import io.strata.events.SampleEvent;
import io.strata.ingest.testing.TopicRecords;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.RegistryServer;
import io.strata.schemas.topics.Topics;
import java.io.IOException;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a gateway IT needs around the gateway: the shared broker, one registry service per test JVM, this test's
 * own topics, a master key file, apps of two tenants written to the apps topic, readers of the topics the
 * gateway writes, and a signing HTTP client.
 */
final class GatewayFixture implements AutoCloseable {

  static final EmbeddedKafka kafka = EmbeddedKafka.shared();
  private static RegistryServer registry;

  final Path directory;
  final Path blobs;
  final String appsTopic = TestTopics.unique("apps");
  final String samplesTopic = TestTopics.unique("samples");
  final String labelsTopic = TestTopics.unique("labels");
  final String rejectionsTopic = TestTopics.unique("rejections");
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Path keyFile;
  private final SecretCipher cipher;
  private final CredentialGenerator credentials = new CredentialGenerator(new SecureRandom());
  private final KafkaProducer<String, AppEvent> apps;

  /** An app's credentials. */
  record App(String tenantId, String appKey, AppSecret secret) {
    RequestSigner signer() {
      return RequestSigner.create(appKey, secret);
    }
  }

  GatewayFixture() throws IOException {
    directory = Files.createTempDirectory("strata-gateway-it-");
    blobs = directory.resolve("blobs");
    kafka.createTopic(appsTopic, 3, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(samplesTopic, 6);
    kafka.createTopic(labelsTopic, 3);
    kafka.createTopic(rejectionsTopic, 3);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String keys = "it-1:" + Base64.getEncoder().encodeToString(key);
    keyFile = directory.resolve("master-keys");
    Files.writeString(keyFile, keys + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    cipher = new SecretCipher(MasterKeyring.parse(keys), new SecureRandom());
    var props = new HashMap<String, Object>(kafka.clientProperties());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    apps = new KafkaProducer<>(props, new StringSerializer(), Topics.APPS.valueSerde(serde()).serializer());
  }

  static synchronized String registryUrl() {
    if (registry == null) {
      registry = RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()));
    }
    return registry.url();
  }

  static Map<String, Object> serde() {
    return Map.of("schema.registry.url", registryUrl());
  }

  /** The properties a child gateway needs for this fixture, plus {@code extra}. */
  Map<String, String> gatewayProperties(Map<String, String> extra) {
    var props = new HashMap<String, String>();
    props.put(GatewaySettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    props.put(GatewaySettings.SCHEMA_REGISTRY_URL, registryUrl());
    props.put(GatewaySettings.BLOB_DIRECTORY, blobs.toString());
    props.put(GatewaySettings.MASTER_KEY_FILE, keyFile.toString());
    props.put(GatewaySettings.APPS_TOPIC, appsTopic);
    props.put(GatewaySettings.SAMPLES_TOPIC, samplesTopic);
    props.put(GatewaySettings.LABELS_TOPIC, labelsTopic);
    props.put(GatewaySettings.REJECTIONS_TOPIC, rejectionsTopic);
    props.putAll(extra);
    return props;
  }

  /** Registers an app of {@code tenantId} on the apps topic, blocked with {@code blockedReason} if not null. */
  App app(String tenantId, String blockedReason) throws Exception {
    return app(tenantId, blockedReason, AppLimits.newBuilder().build());
  }

  /** Registers an app of {@code tenantId} with {@code limits}. */
  App app(String tenantId, String blockedReason, AppLimits limits) throws Exception {
    String appKey = credentials.newAppKey();
    AppSecret secret = credentials.newSecret();
    var event = AppEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenantId)
        .setOccurredAt(Instant.now()).setProducer("gateway-it").setAppKey(appKey)
        .setKind(blockedReason == null ? AppEventKind.REGISTERED : AppEventKind.BLOCKED).setName("camera")
        .setSecret(cipher.encrypt(appKey, secret)).setLimits(limits)
        .setBlocked(blockedReason != null).setReason(blockedReason).build();
    apps.send(new ProducerRecord<>(appsTopic, appKey, event)).get();
    return new App(tenantId, appKey, secret);
  }

  /** Sends a raw body signed by {@code app} (unsigned when {@code app} is null). */
  HttpResponse<String> postRaw(String baseUrl, App app, String query, String contentType, byte[] body)
      throws IOException, InterruptedException {
    URI uri = URI.create(baseUrl + "/v1/samples" + (query == null ? "" : "?" + query));
    var request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (app != null) {
      app.signer().sign("POST", uri, body).asMap().forEach(request::header);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a body whose signed hash is {@code signedHash} while the bytes are {@code body}. */
  HttpResponse<String> postWithHash(String baseUrl, App app, String contentType, byte[] body, ContentHash signedHash)
      throws IOException, InterruptedException {
    URI uri = URI.create(baseUrl + "/v1/samples");
    var request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", contentType);
    app.signer().sign("POST", uri, signedHash).asMap().forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String baseUrl, App app, String sampleId) throws IOException, InterruptedException {
    URI uri = URI.create(baseUrl + "/v1/samples/" + sampleId);
    var request = HttpRequest.newBuilder(uri).GET();
    app.signer().sign("GET", uri, new byte[0]).asMap().forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A multipart/form-data body: fields, then files. */
  static final class Multipart {
    final String boundary = "strata-" + UUID.randomUUID();
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    Multipart field(String name, String value) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
      return this;
    }

    Multipart file(String filename, String contentType, byte[] content) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
          + "Content-Type: " + contentType + "\r\n\r\n");
      out.writeBytes(content);
      write("\r\n");
      return this;
    }

    byte[] bytes() {
      var copy = new java.io.ByteArrayOutputStream();
      copy.writeBytes(out.toByteArray());
      copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      return copy.toByteArray();
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    private void write(String text) {
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  List<SampleEvent> samples() {
    return read(samplesTopic, Topics.SAMPLES.valueSerde(serde()).deserializer());
  }

  List<IngestRejection> rejections() {
    return read(rejectionsTopic, Topics.INGEST_REJECTIONS.valueSerde(serde()).deserializer());
  }

  List<LabelEvent> labels() {
    return read(labelsTopic, Topics.LABELS.valueSerde(serde()).deserializer());
  }

  /** Every record now in {@code topic}, read up to its end offsets. */
  static <V> List<V> read(String topic, Deserializer<V> values) {
    return TopicRecords.committed(kafka, topic, values);
  }

  @Override
  public void close() throws IOException {
    apps.close();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
