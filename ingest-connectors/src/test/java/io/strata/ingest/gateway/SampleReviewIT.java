package io.strata.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.ingest.gateway.GatewayFixture.App;
import io.strata.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/samples?quality=failed} and the assessment on {@code GET /v1/samples/{id}}, against the gateway in
 * a child JVM whose samples view reads quality assessments appended to the real {@code samples} topic.
 */
class SampleReviewIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static GatewayFixture fixture;
  private static GatewayProcess gateway;
  private static App tenantA;
  private static App tenantB;
  private static App bounded;
  private static KafkaProducer<String, SampleEvent> samples;

  @BeforeAll
  static void start() throws Exception {
    fixture = new GatewayFixture();
    tenantA = fixture.app("review-a", null);
    tenantB = fixture.app("review-b", null);
    // Registered before the gateway starts, so that its apps view knows every app from its first request.
    bounded = fixture.app("review-bound", null);
    gateway = GatewayProcess.start("review-it", "256m", fixture.gatewayProperties(Map.of(
        "strata.ingest.samples-view.max-failed-per-tenant", "3")));
    samples = new KafkaProducer<>(new HashMap<>(GatewayFixture.kafka.clientProperties()), new StringSerializer(),
        Topics.SAMPLES.valueSerde(GatewayFixture.serde()).serializer());
  }

  @AfterAll
  static void stop() throws Exception {
    if (samples != null) {
      samples.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldListOnlyTheCallersFailedSamplesNewestFirstInBoundedPages() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(upload(tenantA, TestImages.png(500 + i)));
    }
    String other = upload(tenantB, TestImages.png(600));
    Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
    assess("review-a", ids.get(0), false, t0);                  // failed, later passes: unlisted
    assess("review-a", ids.get(1), false, t0.plusSeconds(1));
    assess("review-a", ids.get(2), true, t0.plusSeconds(2));    // passed: unlisted
    assess("review-a", ids.get(3), false, t0.plusSeconds(3));
    assess("review-a", ids.get(4), false, t0.plusSeconds(4));
    assess("review-b", other, false, t0.plusSeconds(5));
    assess("review-a", ids.get(0), true, t0.plusSeconds(6));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode one = JSON.readTree(get(tenantA, "/v1/samples/" + ids.get(0), null).body());
      assertThat(one.path("quality").path("passed").asBoolean()).isTrue();
    });

    var first = get(tenantA, "/v1/samples", "quality=failed&limit=2");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode page1 = JSON.readTree(first.body());
    assertThat(sampleIds(page1)).containsExactly(ids.get(4), ids.get(3));
    assertThat(page1.path("samples").get(0).path("quality").path("blurry").asBoolean()).isTrue();
    assertThat(page1.path("samples").get(0).path("width").asInt()).isPositive();
    String cursor = page1.path("next").asText();
    assertThat(cursor).isNotEmpty();

    JsonNode page2 = JSON.readTree(get(tenantA, "/v1/samples", "quality=failed&limit=2&after=" + cursor).body());
    assertThat(sampleIds(page2)).containsExactly(ids.get(1));
    assertThat(page2.hasNonNull("next")).as("no next cursor on the last page").isFalse();

    JsonNode theirs = JSON.readTree(get(tenantB, "/v1/samples", "quality=failed").body());
    assertThat(sampleIds(theirs)).containsExactly(other);
    // Tenant isolation: a sample of another tenant is not found, with or without an assessment.
    assertThat(get(tenantB, "/v1/samples/" + ids.get(4), null).statusCode()).isEqualTo(404);

    JsonNode failedOne = JSON.readTree(get(tenantA, "/v1/samples/" + ids.get(3), null).body());
    assertThat(failedOne.path("quality").path("passed").asBoolean()).isFalse();
    assertThat(failedOne.path("quality").path("sharpness").asDouble()).isEqualTo(3.5);
  }

  @Test
  void shouldKeepOnlyTheNewestFailuresPerTenantUpToTheBound() throws Exception {
    App app = bounded;
    List<String> ids = new ArrayList<>();
    Instant t0 = Instant.parse("2026-11-02T10:00:00Z");
    for (int i = 0; i < 5; i++) {
      ids.add(upload(app, TestImages.png(700 + i)));
      assess("review-bound", ids.get(i), false, t0.plusSeconds(i));
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode page = JSON.readTree(get(app, "/v1/samples", "quality=failed&limit=10").body());
      assertThat(sampleIds(page)).containsExactly(ids.get(4), ids.get(3), ids.get(2));
    });
  }

  @Test
  void shouldRefuseBadQueriesAndUnsignedCallersWithJsonErrors() throws Exception {
    var wrongFilter = get(tenantA, "/v1/samples", "quality=passed");
    assertThat(wrongFilter.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongFilter.body()).path("code").asText()).isEqualTo("INVALID_QUERY");
    var badLimit = get(tenantA, "/v1/samples", "quality=failed&limit=100000");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badLimit.body()).path("code").asText()).isEqualTo("INVALID_QUERY");
    var badCursor = get(tenantA, "/v1/samples", "quality=failed&after=bm90LWEtY3Vyc29y");
    assertThat(badCursor.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badCursor.body()).path("code").asText()).isEqualTo("INVALID_CURSOR");
    var unsigned = fixture.http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/samples?quality=failed"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(unsigned.body()).path("code").asText()).isNotEmpty();
  }

  private static String upload(App app, byte[] png) throws Exception {
    var response = fixture.postRaw(gateway.url(), app, null, "image/png", png);
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return JSON.readTree(response.body()).path("sampleId").asText();
  }

  private static void assess(String tenant, String sampleId, boolean passed, Instant at) throws Exception {
    var event = SampleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(tenant)
        .setOccurredAt(at).setProducer("quality-review-it").setSampleId(sampleId)
        .setKind(SampleEventKind.QUALITY_ASSESSED)
        .setQuality(QualityAssessment.newBuilder().setBrightness(120).setContrast(40).setSharpness(3.5)
            .setBlurry(!passed).setOverExposed(false).setUnderExposed(false).setPassed(passed).build())
        .build();
    samples.send(new ProducerRecord<>(fixture.samplesTopic, sampleId, event)).get();
  }

  private static HttpResponse<String> get(App app, String path, String query) throws Exception {
    URI uri = URI.create(gateway.url() + path + (query == null ? "" : "?" + query));
    var request = HttpRequest.newBuilder(uri).GET();
    app.signer().sign("GET", uri, new byte[0]).asMap().forEach(request::header);
    return fixture.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> sampleIds(JsonNode page) {
    var ids = new ArrayList<String>();
    page.path("samples").forEach(s -> ids.add(s.path("sampleId").asText()));
    return ids;
  }
}
