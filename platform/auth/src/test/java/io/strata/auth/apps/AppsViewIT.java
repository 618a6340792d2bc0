package io.strata.auth.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.auth.secrets.SecretCipher;
import io.strata.auth.signing.HeaderLookup;
import io.strata.auth.signing.RejectionCode;
import io.strata.auth.signing.RequestParts;
import io.strata.auth.signing.RequestSigner;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.VerificationResult;
import io.strata.auth.signing.VerifierSettings;
import io.strata.events.ApiLimit;
import io.strata.events.AppEvent;
import io.strata.events.AppEventKind;
import io.strata.events.AppLimits;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two gateways, each with its own view of the apps topic, see every change made to an app within a second. */
class AppsViewIT {

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static final EmbeddedKafka kafka = EmbeddedKafka.shared();

  private final SecureRandom random = new SecureRandom();
  private final CredentialGenerator credentials = new CredentialGenerator(random);
  private final List<AutoCloseable> closing = new ArrayList<>();
  private String topic;
  private InMemorySchemaRegistryClient registry;
  private MasterKeyring keyring;
  private SecretCipher cipher;
  private KafkaProducer<String, AppEvent> producer;
  private AppsView gatewayA;
  private AppsView gatewayB;
  private SignatureVerifier verifierA;
  private SignatureVerifier verifierB;

  @BeforeEach
  void start() {
    topic = TestTopics.unique("apps");
    kafka.createTopic(topic, 3, Map.of("cleanup.policy", "compact"));
    registry = InMemorySchemaRegistryClient.scoped(topic);
    byte[] key = new byte[32];
    random.nextBytes(key);
    keyring = MasterKeyring.parse("test-1:" + Base64.getEncoder().encodeToString(key));
    cipher = new SecretCipher(keyring, random);
    var props = new HashMap<String, Object>(kafka.clientProperties());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer = new KafkaProducer<>(props, new StringSerializer(), Topics.APPS.valueSerde(registry).serializer());
    closing.add(producer);
    gatewayA = view();
    gatewayB = view();
    verifierA = new SignatureVerifier(gatewayA, Clock.systemUTC(), VerifierSettings.defaults());
    verifierB = new SignatureVerifier(gatewayB, Clock.systemUTC(), VerifierSettings.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    InMemorySchemaRegistryClient.dropScope(topic);
  }

  @Test
  void shouldSeeBlockAndUnblockAtBothGatewaysWithinOneSecond() throws Exception {
    String appKey = credentials.newAppKey();
    AppSecret secret = credentials.newSecret();
    AppEvent registered = registered(appKey, secret);
    awaitBoth(write(registered));
    assertThat(verify(verifierA, appKey, secret)).isInstanceOf(VerificationResult.Verified.class);
    assertThat(verify(verifierB, appKey, secret)).isInstanceOf(VerificationResult.Verified.class);

    write(next(registered, AppEventKind.BLOCKED).setBlocked(true).setBlockedBy("operator").setReason("unpaid").build());
    await().atMost(ONE_SECOND).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
      assertThat(rejection(verify(verifierA, appKey, secret))).isEqualTo(RejectionCode.APP_BLOCKED);
      assertThat(rejection(verify(verifierB, appKey, secret))).isEqualTo(RejectionCode.APP_BLOCKED);
    });

    write(next(registered, AppEventKind.UNBLOCKED).setBlocked(false).setReason("paid").build());
    await().atMost(ONE_SECOND).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
      assertThat(verify(verifierA, appKey, secret)).isInstanceOf(VerificationResult.Verified.class);
      assertThat(verify(verifierB, appKey, secret)).isInstanceOf(VerificationResult.Verified.class);
    });
  }

  @Test
  void shouldAcceptOldSecretDuringGraceAndRefuseItAfter() throws Exception {
    String appKey = credentials.newAppKey();
    AppSecret oldSecret = credentials.newSecret();
    AppSecret newSecret = credentials.newSecret();
    AppEvent registered = registered(appKey, oldSecret);
    write(registered);

    AppEvent rotated = next(registered, AppEventKind.SECRET_ROTATED).setSecret(cipher.encrypt(appKey, newSecret))
        .setPreviousSecret(registered.getSecret()).setPreviousSecretValidUntil(Instant.now().plus(Duration.ofHours(1)))
        .build();
    write(rotated);
    await().atMost(ONE_SECOND).untilAsserted(() -> {
      for (SignatureVerifier verifier : List.of(verifierA, verifierB)) {
        assertThat(verify(verifier, appKey, newSecret)).isInstanceOf(VerificationResult.Verified.class);
        assertThat(verify(verifier, appKey, oldSecret))
            .isInstanceOfSatisfying(VerificationResult.Verified.class, v -> assertThat(v.signedWithRetiredSecret()).isTrue());
      }
    });

    // The grace period has ended: the same state with an end in the past.
    write(AppEvent.newBuilder(rotated).setEventId(UUID.randomUUID().toString())
        .setPreviousSecretValidUntil(Instant.now().minusMillis(1)).build());
    await().atMost(ONE_SECOND).untilAsserted(() -> {
      for (SignatureVerifier verifier : List.of(verifierA, verifierB)) {
        assertThat(rejection(verify(verifier, appKey, oldSecret))).isEqualTo(RejectionCode.SIGNATURE_MISMATCH);
        assertThat(verify(verifier, appKey, newSecret)).isInstanceOf(VerificationResult.Verified.class);
      }
    });
  }

  @Test
  void shouldSeeLimitsChangeAndDeletionAtBothGateways() throws Exception {
    String appKey = credentials.newAppKey();
    AppSecret secret = credentials.newSecret();
    AppEvent registered = registered(appKey, secret);
    write(registered);
    var limits = AppLimits.newBuilder().setRequestsPerSecond(5).setRequestsPerMinute(100)
        .setPerApi(List.of(ApiLimit.newBuilder().setApi("predict").setRequestsPerSecond(2).build()))
        .setMonthlyQuotaUnits(10_000L).build();
    write(next(registered, AppEventKind.LIMITS_CHANGED).setLimits(limits).build());
    await().atMost(ONE_SECOND).untilAsserted(() -> {
      assertThat(gatewayA.app(appKey)).get().extracting(AppEvent::getLimits).isEqualTo(limits);
      assertThat(gatewayB.app(appKey)).get().extracting(AppEvent::getLimits).isEqualTo(limits);
    });
    assertThat(gatewayA.appsOf("tenant-a")).extracting(AppEvent::getAppKey).containsExactly(appKey);
    assertThat(gatewayA.appsOf("tenant-b")).isEmpty();

    RecordMetadata deleted = write(next(registered, AppEventKind.DELETED).setDeleted(true).build());
    awaitBoth(deleted);
    assertThat(gatewayA.app(appKey)).isEmpty();
    assertThat(gatewayB.find(appKey)).isEmpty();
    assertThat(rejection(verify(verifierA, appKey, secret))).isEqualTo(RejectionCode.UNKNOWN_APP_KEY);
  }

  @Test
  void shouldRebuildFromTheTopicWhenANewViewStarts() throws Exception {
    String appKey = credentials.newAppKey();
    AppSecret secret = credentials.newSecret();
    AppEvent registered = registered(appKey, secret);
    write(registered);
    awaitBoth(write(next(registered, AppEventKind.BLOCKED).setBlocked(true).setReason("fraud").build()));

    AppsView late = view();
    late.awaitCaughtUp(Duration.ofSeconds(10));
    assertThat(late.caughtUp()).isTrue();
    assertThat(late.find(appKey)).get().satisfies(c -> assertThat(c.blockedReason()).contains("fraud"));
  }

  @Test
  void shouldSendAPoisonRecordToDeadLettersAndGoOn() throws Exception {
    var raw = new HashMap<String, Object>(kafka.clientProperties());
    try (var bytes = new KafkaProducer<>(raw, new ByteArraySerializer(), new ByteArraySerializer())) {
      bytes.send(new ProducerRecord<>(topic, 0, "ak_poison".getBytes(StandardCharsets.UTF_8),
          "not avro".getBytes(StandardCharsets.UTF_8))).get();
    }
    String appKey = credentials.newAppKey();
    awaitBoth(write(registered(appKey, credentials.newSecret())));
    assertThat(gatewayA.app(appKey)).isPresent();
    assertThat(gatewayA.app("ak_poison")).isEmpty();

    try (var dlq = new KafkaConsumer<>(new HashMap<String, Object>(kafka.clientProperties()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      var partitions = dlq.partitionsFor(Topics.DEAD_LETTERS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      dlq.assign(partitions);
      dlq.seekToBeginning(partitions);
      List<String> fromThisTopic = new ArrayList<>();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        for (var record : dlq.poll(Duration.ofMillis(100))) {
          var source = record.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC);
          if (source != null && topic.equals(new String(source.value(), StandardCharsets.UTF_8))) {
            fromThisTopic.add(new String(record.headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value(),
                StandardCharsets.UTF_8));
          }
        }
        return fromThisTopic.size() == 2; // one per gateway
      });
      assertThat(fromThisTopic).containsOnly("0");
    }
  }

  @Test
  void shouldTimeOutClearlyWhenARecordIsNotApplied() {
    var never = new RecordMetadata(new TopicPartition(topic, 1), 1_000_000, 0, 0L, 0, 0);
    assertThatThrownBy(() -> gatewayA.awaitApplied(never, Duration.ofMillis(200)))
        .isInstanceOf(ViewTimeoutException.class)
        .hasMessageContaining("partition 1 offset 1000000");
  }

  private AppsView view() {
    var view = new AppsView(kafka.clientProperties(), topic, Topics.APPS.valueSerde(registry).deserializer(), keyring);
    view.start();
    closing.add(0, view);
    return view;
  }

  private AppEvent registered(String appKey, AppSecret secret) {
    return AppEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId("tenant-a")
        .setOccurredAt(Instant.now()).setProducer("apps-view-it").setAppKey(appKey).setKind(AppEventKind.REGISTERED)
        .setName("camera-1").setSecret(cipher.encrypt(appKey, secret))
        .setLimits(AppLimits.newBuilder().build()).build();
  }

  private static AppEvent.Builder next(AppEvent state, AppEventKind kind) {
    return AppEvent.newBuilder(state).setEventId(UUID.randomUUID().toString()).setKind(kind).setOccurredAt(Instant.now());
  }

  private RecordMetadata write(AppEvent event) throws ExecutionException, InterruptedException {
    return producer.send(new ProducerRecord<>(topic, event.getAppKey(), event)).get();
  }

  private void awaitBoth(RecordMetadata written) {
    gatewayA.awaitApplied(written, Duration.ofSeconds(10));
    gatewayB.awaitApplied(written, Duration.ofSeconds(10));
  }

  private static VerificationResult verify(SignatureVerifier verifier, String appKey, AppSecret secret) {
    var signed = RequestSigner.create(appKey, secret).sign("GET", URI.create("http://gateway/v1/models"), new byte[0]);
    return verifier.verify(new RequestParts("GET", "/v1/models", "", HeaderLookup.of(signed.asMap())), new byte[0]);
  }

  private static RejectionCode rejection(VerificationResult result) {
    assertThat(result).isInstanceOf(VerificationResult.Rejected.class);
    return ((VerificationResult.Rejected) result).code();
  }
}
