package io.strata.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.auth.signing.ContentHash;
import io.strata.events.ApiLimit;
import io.strata.events.AppLimits;
import io.strata.events.IngestRejection;
import io.strata.events.RejectionReason;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.ingest.gateway.GatewayFixture.App;
import io.strata.ingest.gateway.GatewayFixture.Multipart;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway in a child JVM ({@code -Xmx256m}) on the real broker and registry: signed uploads, idempotent
 * retries, multipart with good and bad files, every refusal with its code and its rejection event, unsigned and
 * blocked callers, and tenant isolation.
 */
class UploadGatewayIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static GatewayFixture fixture;
  private static GatewayProcess gateway;
  private static App tenantA;
  private static App tenantB;
  private static App blocked;
  private static App throttled;
  private static App metered;

  @BeforeAll
  static void start() throws Exception {
    fixture = new GatewayFixture();
    tenantA = fixture.app("tenant-a", null);
    tenantB = fixture.app("tenant-b", null);
    blocked = fixture.app("tenant-a", "unpaid invoice");
    throttled = fixture.app("tenant-c", null, AppLimits.newBuilder().setPerApi(List.of(
        ApiLimit.newBuilder().setApi("upload").setRequestsPerMinute(2).build())).build());
    metered = fixture.app("tenant-d", null, AppLimits.newBuilder().setMonthlyQuotaUnits(2L).build());
    gateway = GatewayProcess.start("upload-it", "256m", fixture.gatewayProperties(Map.of(
        GatewaySettings.MAX_FILE_SIZE, "2MB", GatewaySettings.MAX_PIXELS, "1000000")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldAnswer201ThenTheSameIdWith200OnRetryAndAppendOneEvent() throws Exception {
    byte[] jpeg = TestImages.jpeg(100);
    String sha = sha256(jpeg);
    var first = fixture.postRaw(gateway.url(), tenantA, "dataset=flowers&tag=garden&tag=spring&source=cam-7",
        "image/jpeg", jpeg);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(first.body());
    assertThat(body.path("sampleId").asText()).isEqualTo(sha);
    assertThat(body.path("width").asInt()).isEqualTo(64);
    assertThat(body.path("height").asInt()).isEqualTo(48);

    // The answer came after the acknowledgement: the event is in the topic now.
    List<SampleEvent> events = samplesOf(sha, "tenant-a");
    assertThat(events).hasSize(1);
    SampleEvent event = events.get(0);
    assertThat(event.getKind()).isEqualTo(SampleEventKind.UPLOADED);
    assertThat(event.getUploaded().getContentType()).isEqualTo("image/jpeg");
    assertThat(event.getUploaded().getSizeBytes()).isEqualTo(jpeg.length);
    assertThat(event.getUploaded().getDataset()).isEqualTo("flowers");
    assertThat(event.getUploaded().getTags()).containsExactly("garden", "spring", "source:cam-7");
    assertThat(event.getUploaded().getAppKey()).isEqualTo(tenantA.appKey());
    assertThat(Files.readAllBytes(Path.of(URI.create(event.getUploaded().getBlobUri())))).isEqualTo(jpeg);

    var retry = fixture.postRaw(gateway.url(), tenantA, null, "image/jpeg", jpeg);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(JSON.readTree(retry.body()).path("sampleId").asText()).isEqualTo(sha);
    assertThat(samplesOf(sha, "tenant-a")).hasSize(1);
  }

  @Test
  void shouldAcceptTheGoodFilesOfAMultipartRequestAndReportEachBadOne() throws Exception {
    byte[] png = TestImages.png(200);
    byte[] gif = TestImages.gif(200);
    byte[] bmp = TestImages.bmp(200);
    byte[] webp = TestImages.webp();
    byte[] jpeg = TestImages.jpeg(200);
    var multipart = new Multipart().field("dataset", "mixed").field("tags", "a, b").field("label", "daisy")
        .file("one.png", "image/png", png)
        .file("broken.jpg", "image/jpeg", TestImages.truncated(jpeg, jpeg.length / 2))
        .file("two.gif", "image/gif", gif)
        .file("liar.png", "image/png", TestImages.jpeg(201))
        .file("three.bmp", "application/octet-stream", bmp)
        .file("four.webp", "image/webp", webp);
    var response = fixture.postRaw(gateway.url(), tenantA, null, multipart.contentType(), multipart.bytes());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("accepted").asInt()).isEqualTo(4);
    assertThat(body.path("rejected").asInt()).isEqualTo(2);
    JsonNode results = body.path("results");
    assertThat(results.get(0).path("status").asInt()).isEqualTo(201);
    assertThat(results.get(0).path("sample").path("sampleId").asText()).isEqualTo(sha256(png));
    assertThat(results.get(1).path("status").asInt()).isEqualTo(400);
    assertThat(results.get(1).path("code").asText()).isEqualTo("CORRUPT_IMAGE");
    assertThat(results.get(3).path("code").asText()).isEqualTo("CONTENT_TYPE_MISMATCH");
    assertThat(results.get(4).path("sample").path("contentType").asText()).isEqualTo("image/bmp");
    assertThat(results.get(5).path("sample").path("width").asInt()).isEqualTo(1);

    for (byte[] good : List.of(png, gif, bmp, webp)) {
      List<SampleEvent> events = samplesOf(sha256(good), "tenant-a");
      assertThat(events).hasSize(1);
      assertThat(events.get(0).getUploaded().getDataset()).isEqualTo("mixed");
      assertThat(events.get(0).getUploaded().getTags()).containsExactly("a", "b");
    }
    assertThat(fixture.labels()).filteredOn(l -> l.getSampleId().equals(sha256(png)))
        .singleElement().satisfies(l -> assertThat(l.getClassLabel()).isEqualTo("daisy"));
    String requestId = body.path("requestId").asText();
    assertThat(fixture.rejections()).filteredOn(r -> r.getRequestId().equals(requestId))
        .extracting(IngestRejection::getFilename, IngestRejection::getReason)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("broken.jpg", RejectionReason.CORRUPT),
            org.assertj.core.groups.Tuple.tuple("liar.png", RejectionReason.INVALID_METADATA));
    assertNoBlob(TestImages.truncated(jpeg, jpeg.length / 2));
  }

  @Test
  void shouldRefuseEachBadFileWithItsDocumentedErrorAndARejectionEvent() throws Exception {
    byte[] jpeg = TestImages.jpeg(300);
    byte[] corrupt = jpeg.clone();
    for (int i = 3; i < corrupt.length - 2; i++) {
      corrupt[i] = 0x55;
    }
    byte[] truncated = TestImages.truncated(jpeg, jpeg.length - 100);
    byte[] huge = new byte[3 * 1024 * 1024];
    System.arraycopy(jpeg, 0, huge, 0, jpeg.length);
    byte[] manyPixels = TestImages.image("png", 1100, 1000, 301);

    expectRefused("image/jpeg", corrupt, 400, "CORRUPT_IMAGE", RejectionReason.CORRUPT);
    expectRefused("image/jpeg", truncated, 400, "CORRUPT_IMAGE", RejectionReason.CORRUPT);
    expectRefused("image/jpeg", new byte[0], 400, "EMPTY_BODY", RejectionReason.EMPTY);
    expectRefused("image/jpeg", huge, 413, "TOO_LARGE", RejectionReason.TOO_LARGE);
    expectRefused("image/png", manyPixels, 413, "TOO_MANY_PIXELS", RejectionReason.TOO_LARGE);
    expectRefused("image/gif", TestImages.png(302), 400, "CONTENT_TYPE_MISMATCH", RejectionReason.INVALID_METADATA);
    expectRefused("image/tiff", TestImages.png(303), 415, "UNSUPPORTED_TYPE", RejectionReason.UNSUPPORTED_TYPE);
    expectRefused("application/octet-stream", "plain text".getBytes(), 415, "UNSUPPORTED_TYPE",
        RejectionReason.UNSUPPORTED_TYPE);
    for (byte[] refused : List.of(corrupt, truncated, huge, manyPixels)) {
      assertNoBlob(refused);
      assertThat(samplesOf(sha256(refused), "tenant-a")).isEmpty();
    }
  }

  @Test
  void shouldRefuseUnsignedBlockedAndTamperedRequests() throws Exception {
    byte[] png = TestImages.png(400);
    var unsigned = fixture.postRaw(gateway.url(), null, null, "image/png", png);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(unsigned.body()).path("code").asText()).isEqualTo("MISSING_SIGNATURE_HEADER");
    assertThat(unsigned.headers().firstValue("WWW-Authenticate")).contains("STRATA-HMAC-SHA256");
    assertThat(rejection(unsigned)).satisfies(r -> {
      assertThat(r.getReason()).isEqualTo(RejectionReason.UNAUTHENTICATED);
      assertThat(r.getTenantId()).isEqualTo("unauthenticated");
    });

    var refused = fixture.postRaw(gateway.url(), blocked, null, "image/png", png);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("APP_BLOCKED");
    assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("unpaid invoice");
    assertThat(rejection(refused)).satisfies(r -> {
      assertThat(r.getReason()).isEqualTo(RejectionReason.BLOCKED);
      assertThat(r.getTenantId()).isEqualTo("tenant-a");
    });

    byte[] other = TestImages.png(401);
    var tampered = fixture.postWithHash(gateway.url(), tenantA, "image/png", png, ContentHash.of(other));
    assertThat(tampered.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tampered.body()).path("code").asText()).isEqualTo("CONTENT_HASH_MISMATCH");
    assertThat(rejection(tampered).getTenantId()).isEqualTo("tenant-a");
    assertNoBlob(png);
    assertThat(fixture.samples()).noneMatch(e -> e.getSampleId().equals(sha256(png)));
  }

  @Test
  void shouldKeepEachTenantsSamplesApart() throws Exception {
    byte[] gif = TestImages.gif(500);
    String sha = sha256(gif);
    assertThat(fixture.postRaw(gateway.url(), tenantA, null, "image/gif", gif).statusCode()).isEqualTo(201);
    assertThat(fixture.get(gateway.url(), tenantB, sha).statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(fixture.get(gateway.url(), tenantB, sha).body()).path("code").asText())
        .isEqualTo("NOT_FOUND");
    var mine = fixture.get(gateway.url(), tenantA, sha);
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(mine.body()).path("contentType").asText()).isEqualTo("image/gif");

    // Same bytes, second tenant: the blob is shared, the sample is the tenant's own.
    var theirs = fixture.postRaw(gateway.url(), tenantB, null, "image/gif", gif);
    assertThat(theirs.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(theirs.body()).path("sampleId").asText()).isEqualTo(sha);
    assertThat(samplesOf(sha, "tenant-a")).hasSize(1);
    assertThat(samplesOf(sha, "tenant-b")).hasSize(1);
    assertThat(fixture.get(gateway.url(), tenantB, sha).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerHealthWithoutASignature() throws Exception {
    var health = fixture.http.send(java.net.http.HttpRequest.newBuilder(URI.create(gateway.url() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
  }

  @Test
  void shouldAnswer429WithRetryAfterPastAnAppsUploadRateAndRecordTheRejection() throws Exception {
    for (int i = 0; i < 2; i++) {
      var accepted = fixture.postRaw(gateway.url(), throttled, null, "image/png", TestImages.png(9100 + i));
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    }
    byte[] third = TestImages.png(9102);
    var refused = fixture.postRaw(gateway.url(), throttled, null, "image/png", third);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("api 'upload'", "2 requests per minute");
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    assertThat(rejection(refused).getTenantId()).isEqualTo("tenant-c");
    assertNoBlob(third);
    // The limit is on uploads only: reads of the same app still pass.
    var read = fixture.get(gateway.url(), throttled, sha256(TestImages.png(9100)));
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
  }

  @Test
  void shouldRefuseUploadsOnceTheMonthlyQuotaIsUsedUp() throws Exception {
    byte[] first = TestImages.png(9200);
    byte[] second = TestImages.png(9201);
    for (byte[] image : List.of(first, second)) {
      var accepted = fixture.postRaw(gateway.url(), metered, null, "image/png", image);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    }
    // Uploads are counted from the samples topic, so one may still pass in the moment before the gateway has
    // read the last one back (documented overshoot); from then on every upload is refused.
    var attempt = new java.util.concurrent.atomic.AtomicInteger();
    var last = new java.util.concurrent.atomic.AtomicReference<HttpResponse<String>>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      last.set(fixture.postRaw(gateway.url(), metered, null, "image/png", TestImages.png(9300 + attempt.getAndIncrement())));
      return last.get().statusCode() != 201;
    });
    byte[] third = TestImages.png(9300 + attempt.get() - 1);
    var refused = last.get();
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("QUOTA_EXHAUSTED");
    assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("of its 2 billable units for ");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(rejection(refused).getReason()).isEqualTo(RejectionReason.QUOTA_EXHAUSTED);
    assertNoBlob(third);
  }

  @Test
  void shouldServePrometheusMetricsByRouteWithoutASignature() throws Exception {
    assertThat(fixture.postRaw(gateway.url(), tenantA, null, "image/png", TestImages.png(9400)).statusCode())
        .isEqualTo(201);
    var response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(URI.create(gateway.url() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body())
        .contains("component=\"ingest-gateway\"")
        .contains("jvm_memory_used_bytes")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/samples\"")
        .doesNotContain("uri=\"/v1/samples/" + sha256(TestImages.png(9400)));
  }

  private void expectRefused(String contentType, byte[] body, int status, String code, RejectionReason reason)
      throws Exception {
    var response = fixture.postRaw(gateway.url(), tenantA, null, contentType, body);
    assertThat(response.statusCode()).as("%s for %s", response.body(), code).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank();
    IngestRejection rejection = rejection(response);
    assertThat(rejection.getReason()).isEqualTo(reason);
    assertThat(rejection.getTenantId()).isEqualTo("tenant-a");
    assertThat(rejection.getAppKey()).isEqualTo(tenantA.appKey());
    assertThat(rejection.getMessage()).isEqualTo(error.path("message").asText());
  }

  private static IngestRejection rejection(HttpResponse<String> response) {
    String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
    return fixture.rejections().stream().filter(r -> r.getRequestId().equals(requestId)).findFirst()
        .orElseThrow(() -> new AssertionError("No rejection event for request " + requestId));
  }

  private static List<SampleEvent> samplesOf(String sha, String tenant) {
    return fixture.samples().stream().filter(e -> e.getSampleId().equals(sha) && e.getTenantId().equals(tenant))
        .toList();
  }

  private static void assertNoBlob(byte[] bytes) throws Exception {
    String sha = sha256(bytes);
    assertThat(fixture.blobs.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha)).doesNotExist();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
