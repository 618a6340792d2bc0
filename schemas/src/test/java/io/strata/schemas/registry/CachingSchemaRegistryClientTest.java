package io.strata.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.schemas.testing.FakeRegistryServer;
import io.strata.schemas.testing.Point;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CachingSchemaRegistryClientTest {

  private final FakeRegistryServer registry = FakeRegistryServer.start();
  private final CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(RegistryClientConfig.of(registry.url()));

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldRegisterOnceAndAnswerLaterCallsFromTheCache() {
    int id = client.register("points-value", Point.SCHEMA$);

    for (int i = 0; i < 100; i++) {
      assertThat(client.register("points-value", Point.SCHEMA$)).isEqualTo(id);
      assertThat(client.lookup("points-value", Point.SCHEMA$)).isEqualTo(id);
      assertThat(client.schemaById(id)).isEqualTo(Point.SCHEMA$);
    }

    assertThat(registry.requests()).hasSize(1);
    assertThat(registry.store().schemaById(id)).isEqualTo(Point.SCHEMA$);
  }

  @Test
  void shouldSendTheSchemaTextExactlyAsConfluentsSerializerDoes() throws IOException {
    client.register("points-value", Point.SCHEMA$);

    FakeRegistryServer.Request request = registry.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/subjects/points-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(new ObjectMapper().readTree(request.body()).path("schema").asText()).isEqualTo(Point.SCHEMA$.toString());
  }

  @Test
  void shouldFetchAnUnknownIdOnceAndThenServeItFromTheCache() {
    int id = registry.store().register("points-value", Point.SCHEMA$);

    for (int i = 0; i < 50; i++) {
      assertThat(client.schemaById(id)).isEqualTo(Point.SCHEMA$);
    }

    assertThat(registry.requests("GET", "/schemas/ids/" + id)).isEqualTo(1);
  }

  @Test
  void shouldMakeOneRequestWhenManyThreadsMissTheSameId() throws Exception {
    int id = registry.store().register("points-value", Point.SCHEMA$);
    int threads = 16;
    List<Thread> callers = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "caller-" + callers.size());
      callers.add(thread);
      return thread;
    });
    var started = new CountDownLatch(threads);
    registry.holdRequests();
    try {
      var results = new ArrayList<Future<Schema>>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          started.countDown();
          return client.schemaById(id);
        }));
      }
      started.await();
      // Every caller is parked: one on its HTTP request, the others on that request's future.
      await().atMost(Duration.ofSeconds(10)).until(() -> registry.requests().size() == 1
          && callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
      registry.releaseRequests();

      for (Future<Schema> result : results) {
        assertThat(result.get()).isEqualTo(Point.SCHEMA$);
      }
      assertThat(registry.requests()).hasSize(1);
    } finally {
      registry.releaseRequests();
      pool.shutdownNow();
    }
  }

  @Test
  void shouldForgetAFailedRequestSoThatTheNextCallTriesAgain() {
    int id = registry.store().register("points-value", Point.SCHEMA$);
    registry.failNext(1);

    assertThatThrownBy(() -> client.schemaById(id))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.errorCode()).isEqualTo(50001);
          assertThat(e.retriable()).isTrue();
          assertThat(e.schemaId()).hasValue(id);
        })
        .hasMessageContaining("Cannot fetch schema id " + id)
        .hasMessageContaining("Error in the backend data store");
    assertThat(client.schemaById(id)).isEqualTo(Point.SCHEMA$);
    assertThat(registry.requests()).hasSize(2);
  }

  @Test
  void shouldReportConfluentsErrorCodeAndTheSubjectWhenASchemaIsNotRegistered() {
    registry.store().register("points-value", Point.V1);

    assertThatThrownBy(() -> client.lookup("points-value", Point.SCHEMA$))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.notFound()).isTrue();
          assertThat(e.errorCode()).isEqualTo(40403);
          assertThat(e.subject()).hasValue("points-value");
          assertThat(e.retriable()).isFalse();
        })
        .hasMessageContaining("Cannot look up schema io.strata.schemas.testing.Point under subject 'points-value'")
        .hasMessageContaining("HTTP 404, error_code 40403");
    assertThatThrownBy(() -> client.schemaById(99))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.schemaId()).hasValue(99))
        .hasMessageContaining("Cannot fetch schema id 99");
  }

  @Test
  void shouldLookUpAnAlreadyRegisteredSchemaWithoutRegisteringIt() {
    int id = registry.store().register("points-value", Point.SCHEMA$);

    assertThat(client.lookup("points-value", Point.SCHEMA$)).isEqualTo(id);

    assertThat(registry.requests()).extracting(FakeRegistryServer.Request::path).containsExactly("/subjects/points-value");
    assertThat(registry.store().versions("points-value")).hasSize(1);
  }

  @Test
  void shouldEncodeSubjectsInThePath() {
    client.register("odd subject/name-value", Point.SCHEMA$);

    assertThat(registry.store().subjects()).containsExactly("odd subject/name-value");
  }

  @Test
  @Timeout(20) // a guard against a hang, not a speed assertion
  void shouldFailFastNamingEveryUrlTriedWhenNoRegistryIsReachable() throws IOException {
    String first = "http://127.0.0.1:" + closedPort();
    String second = "http://127.0.0.1:" + closedPort();
    var unreachable = new CachingSchemaRegistryClient(RegistryClientConfig.of(first + "," + second));

    assertThatThrownBy(() -> unreachable.schemaById(7))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.unreachable()).isTrue();
          assertThat(e.retriable()).isTrue();
        })
        .hasMessageContaining("Cannot fetch schema id 7: schema registry unreachable, tried " + first)
        .hasMessageContaining(second)
        .hasMessageContaining("ConnectException")
        .hasMessageContaining("Check schema.registry.url");
  }

  @Test
  @Timeout(20)
  void shouldGiveUpWhenTheRegistryDoesNotAnswerWithinTheRequestTimeout() {
    var impatient = new CachingSchemaRegistryClient(RegistryClientConfig.from(Map.of(
        RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
        RegistryClientConfig.REQUEST_TIMEOUT_MS, 300)));
    registry.holdRequests();

    assertThatThrownBy(() -> impatient.schemaById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.unreachable()).isTrue())
        .hasMessageContaining(registry.url())
        .hasMessageContaining("HttpTimeoutException");
  }

  @Test
  void shouldFailOverToTheNextUrlWhenOneCannotBeReached() throws IOException {
    var failover = new CachingSchemaRegistryClient(
        RegistryClientConfig.of("http://127.0.0.1:" + closedPort() + ", " + registry.url()));

    int id = failover.register("points-value", Point.SCHEMA$);

    assertThat(failover.schemaById(id)).isEqualTo(Point.SCHEMA$);
    assertThat(registry.store().schemaById(id)).isEqualTo(Point.SCHEMA$);
  }

  @Test
  void shouldCacheTheLatestVersionUntilItsTimeToLiveHasPassed() {
    var clock = new MutableClock(Instant.parse("2026-11-03T10:00:00Z"));
    var cached = new CachingSchemaRegistryClient(RegistryClientConfig.from(Map.of(
        RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
        RegistryClientConfig.LATEST_CACHE_TTL_SEC, "60")), clock);
    registry.store().register("points-value", Point.V1);

    assertThat(cached.latest("points-value").version()).isEqualTo(1);
    registry.store().register("points-value", Point.SCHEMA$);
    clock.advance(Duration.ofSeconds(59));
    assertThat(cached.latest("points-value").version()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    SubjectVersion latest = cached.latest("points-value");

    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.schema()).isEqualTo(Point.SCHEMA$);
    assertThat(registry.requests("GET", "/subjects/points-value/versions/latest")).isEqualTo(2);
  }

  private static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
