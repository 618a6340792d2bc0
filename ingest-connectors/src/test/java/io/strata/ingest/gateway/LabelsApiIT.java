package io.strata.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.events.AnnotatorType;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.ReviewVerdict;
import io.strata.ingest.gateway.GatewayFixture.App;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The labels API of a gateway in a child JVM on the real broker: labels made one by one and in batches with bad
 * items, retraction, review of a model's pre-label with a correction, the history, and tenant isolation.
 */
class LabelsApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static GatewayFixture fixture;
  private static GatewayProcess gateway;
  private static App tenantA;
  private static App tenantB;

  @BeforeAll
  static void start() throws Exception {
    fixture = new GatewayFixture();
    tenantA = fixture.app("tenant-a", null);
    tenantB = fixture.app("tenant-b", null);
    gateway = GatewayProcess.start("labels-it", "256m", fixture.gatewayProperties(Map.of()));
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
  void shouldMakeALabelWithBoxesAndShowItInTheSampleHistory() throws Exception {
    String sample = upload(tenantA, TestImages.jpeg(700));
    String requestId = UUID.randomUUID().toString();
    var made = post(tenantA, "/v1/labels", """
        {"sampleId":"%s","classLabel":"cat","boxes":[{"classLabel":"cat","xMin":1,"yMin":2,"xMax":30.5,"yMax":40,
         "difficult":true}],"annotator":{"type":"PERSON","id":"ann-1"},"confidence":0.9,"dataset":"pets"}
        """.formatted(sample), requestId);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    JsonNode label = JSON.readTree(made.body());
    String labelId = label.path("labelId").asText();
    assertThat(label.path("kind").asText()).isEqualTo("MADE");
    assertThat(label.path("boxes").get(0).path("xMax").asDouble()).isEqualTo(30.5);
    assertThat(made.headers().firstValue("X-Request-Id")).contains(requestId);

    // Read-your-writes: the answer came after the gateway's view applied the event.
    JsonNode history = JSON.readTree(get(tenantA, "/v1/samples/" + sample + "/labels").body());
    assertThat(history.path("active")).hasSize(1);
    assertThat(history.path("active").get(0).path("labelId").asText()).isEqualTo(labelId);
    assertThat(history.path("history")).hasSize(1);

    LabelEvent event = labelEvent(labelId, LabelEventKind.MADE);
    assertThat(event.getTenantId()).isEqualTo("tenant-a");
    assertThat(event.getCausationId()).isEqualTo(requestId);
    assertThat(event.getAnnotator().getType()).isEqualTo(AnnotatorType.PERSON);
    assertThat(event.getBoxes().get(0).getDifficult()).isTrue();
    assertThat(event.getDataset()).isEqualTo("pets");
  }

  @Test
  void shouldAcceptTheGoodLabelsOfABatchAndReportEachBadOneByIndex() throws Exception {
    String sample = upload(tenantA, TestImages.jpeg(701)); // 64x48
    String unknown = "0".repeat(64);
    var response = post(tenantA, "/v1/labels", """
        {"labels":[
          {"sampleId":"%1$s","classLabel":"dog","annotator":{"type":"IMPORT","id":"import"}},
          {"sampleId":"%2$s","classLabel":"dog","annotator":{"type":"IMPORT","id":"import"}},
          {"sampleId":"%1$s","boxes":[{"classLabel":"dog","xMin":0,"yMin":0,"xMax":65,"yMax":10}],
           "annotator":{"type":"IMPORT","id":"import"}},
          {"sampleId":"%1$s","boxes":[{"classLabel":"dog","xMin":9,"yMin":0,"xMax":5,"yMax":10}],
           "annotator":{"type":"IMPORT","id":"import"}},
          {"sampleId":"%1$s","classLabel":"dog","annotator":{"type":"ROBOT","id":"r2"}},
          {"sampleId":"%1$s","classLabel":"dog","annotator":{"type":"MODEL","id":"m","modelVersion":3},"confidence":7},
          {"sampleId":"%1$s","annotator":{"type":"PERSON","id":"p"}},
          {"sampleId":"%1$s","classLabel":"cat","annotator":{"type":"MODEL","id":"detector","modelVersion":3},
           "confidence":0.42}
        ]}""".formatted(sample, unknown), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("accepted").asInt()).isEqualTo(2);
    assertThat(body.path("rejected").asInt()).isEqualTo(6);
    JsonNode results = body.path("results");
    assertThat(results.get(0).path("status").asInt()).isEqualTo(201);
    assertThat(codes(results)).containsExactly(null, "SAMPLE_NOT_FOUND", "INVALID_BOX", "INVALID_BOX",
        "INVALID_ANNOTATOR", "INVALID_CONFIDENCE", "INVALID_LABEL", null);
    assertThat(results.get(1).path("status").asInt()).isEqualTo(404);
    assertThat(results.get(2).path("message").asText()).contains("64x48");
    assertThat(results.get(3).path("message").asText()).contains("labels[3].boxes[0]");
    assertThat(results.get(7).path("label").path("annotator").path("modelVersion").asInt()).isEqualTo(3);

    JsonNode history = JSON.readTree(get(tenantA, "/v1/samples/" + sample + "/labels").body());
    assertThat(history.path("active")).hasSize(2);

    var malformed = post(tenantA, "/v1/labels", "{\"labels\":[", null);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("code").asText()).isEqualTo("MALFORMED_JSON");
    var misspelt = post(tenantA, "/v1/labels", """
        {"sampleId":"%s","boxes":[{"classLabel":"a","xmin":1,"yMin":1,"xMax":2,"yMax":2}],
         "annotator":{"type":"PERSON","id":"p"}}""".formatted(sample), null);
    assertThat(misspelt.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(misspelt.body()).path("message").asText()).contains("boxes[0].xmin");
  }

  @Test
  void shouldRetractALabelOnceAndRefuseASecondRetraction() throws Exception {
    String sample = upload(tenantA, TestImages.jpeg(702));
    String labelId = makeLabel(tenantA, sample, "{\"type\":\"PERSON\",\"id\":\"ann-1\"}");

    var retracted = post(tenantA, "/v1/labels/" + labelId + "/retract",
        "{\"annotator\":{\"type\":\"PERSON\",\"id\":\"ann-2\"},\"reason\":\"wrong image\"}", null);
    assertThat(retracted.statusCode()).as(retracted.body()).isEqualTo(200);
    assertThat(JSON.readTree(retracted.body()).path("kind").asText()).isEqualTo("RETRACTED");

    JsonNode history = JSON.readTree(get(tenantA, "/v1/samples/" + sample + "/labels").body());
    assertThat(history.path("active")).isEmpty();
    assertThat(history.path("history")).extracting(e -> e.path("kind").asText()).containsExactly("MADE", "RETRACTED");

    var again = post(tenantA, "/v1/labels/" + labelId + "/retract",
        "{\"annotator\":{\"type\":\"PERSON\",\"id\":\"ann-2\"}}", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(again.body()).path("code").asText()).isEqualTo("LABEL_ALREADY_RETRACTED");
    assertThat(fixture.labels()).filteredOn(e -> e.getLabelId().equals(labelId) && e.getKind() == LabelEventKind.RETRACTED)
        .hasSize(1);

    var unknown = post(tenantA, "/v1/labels/" + UUID.randomUUID() + "/retract",
        "{\"annotator\":{\"type\":\"PERSON\",\"id\":\"ann-2\"}}", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("code").asText()).isEqualTo("LABEL_NOT_FOUND");
  }

  @Test
  void shouldRecordAReviewThatCorrectsAModelPreLabel() throws Exception {
    String sample = upload(tenantA, TestImages.jpeg(703));
    String preLabel = makeLabel(tenantA, sample, "{\"type\":\"MODEL\",\"id\":\"classifier\",\"modelVersion\":2}");

    var badVerdict = post(tenantA, "/v1/labels/" + preLabel + "/review",
        "{\"verdict\":\"MAYBE\",\"reviewer\":{\"type\":\"PERSON\",\"id\":\"rev\"}}", null);
    assertThat(badVerdict.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(badVerdict.body()).path("code").asText()).isEqualTo("INVALID_VERDICT");
    var modelReviewer = post(tenantA, "/v1/labels/" + preLabel + "/review",
        "{\"verdict\":\"ACCEPTED\",\"reviewer\":{\"type\":\"MODEL\",\"id\":\"m\"}}", null);
    assertThat(JSON.readTree(modelReviewer.body()).path("code").asText()).isEqualTo("INVALID_ANNOTATOR");

    var corrected = post(tenantA, "/v1/labels/" + preLabel + "/review", """
        {"verdict":"CORRECTED","reviewer":{"type":"PERSON","id":"rev"},
         "correction":{"classLabel":"dog","boxes":[{"classLabel":"dog","xMin":2,"yMin":2,"xMax":20,"yMax":20}]}}""",
        null);
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
    JsonNode review = JSON.readTree(corrected.body());
    assertThat(review.path("kind").asText()).isEqualTo("REVIEWED");
    assertThat(review.path("review").path("verdict").asText()).isEqualTo("CORRECTED");
    String correction = review.path("review").path("correctedLabelId").asText();
    assertThat(review.path("correction").path("labelId").asText()).isEqualTo(correction);

    JsonNode history = JSON.readTree(get(tenantA, "/v1/samples/" + sample + "/labels").body());
    assertThat(history.path("active")).singleElement().satisfies(l -> {
      assertThat(l.path("labelId").asText()).isEqualTo(correction);
      assertThat(l.path("classLabel").asText()).isEqualTo("dog");
      assertThat(l.path("annotator").path("type").asText()).isEqualTo("PERSON");
    });
    assertThat(history.path("history")).extracting(e -> e.path("kind").asText())
        .containsExactly("MADE", "MADE", "REVIEWED");

    LabelEvent reviewed = labelEvent(preLabel, LabelEventKind.REVIEWED);
    assertThat(reviewed.getReview().getReviewedLabelId()).isEqualTo(preLabel);
    assertThat(reviewed.getReview().getVerdict()).isEqualTo(ReviewVerdict.CORRECTED);
    assertThat(reviewed.getReview().getCorrectedLabelId()).isEqualTo(correction);

    var twice = post(tenantA, "/v1/labels/" + preLabel + "/review",
        "{\"verdict\":\"ACCEPTED\",\"reviewer\":{\"type\":\"PERSON\",\"id\":\"rev\"}}", null);
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(twice.body()).path("code").asText()).isEqualTo("LABEL_NOT_IN_FORCE");
    var accepted = post(tenantA, "/v1/labels/" + correction + "/review",
        "{\"verdict\":\"ACCEPTED\",\"reviewer\":{\"type\":\"PERSON\",\"id\":\"rev-2\"}}", null);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(JSON.readTree(get(tenantA, "/v1/samples/" + sample + "/labels").body()).path("active")).hasSize(1);
  }

  @Test
  void shouldAnswerAnotherTenantsSamplesAndLabelsAsUnknown() throws Exception {
    byte[] image = TestImages.jpeg(704);
    String sample = upload(tenantA, image);
    String labelId = makeLabel(tenantA, sample, "{\"type\":\"PERSON\",\"id\":\"ann-a\"}");

    var make = post(tenantB, "/v1/labels", """
        {"sampleId":"%s","classLabel":"cat","annotator":{"type":"PERSON","id":"b"}}""".formatted(sample), null);
    assertThat(make.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(make.body()).path("code").asText()).isEqualTo("SAMPLE_NOT_FOUND");
    var history = get(tenantB, "/v1/samples/" + sample + "/labels");
    assertThat(history.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(history.body()).path("code").asText()).isEqualTo("SAMPLE_NOT_FOUND");
    for (String action : List.of("retract", "review")) {
      String body = action.equals("retract") ? "{\"annotator\":{\"type\":\"PERSON\",\"id\":\"b\"}}"
          : "{\"verdict\":\"REJECTED\",\"reviewer\":{\"type\":\"PERSON\",\"id\":\"b\"}}";
      var refused = post(tenantB, "/v1/labels/" + labelId + "/" + action, body, null);
      assertThat(refused.statusCode()).as(action).isEqualTo(404);
      assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("LABEL_NOT_FOUND");
    }

    // Tenant B uploads the same bytes: its own sample, with none of tenant A's labels.
    assertThat(upload(tenantB, image)).isEqualTo(sample);
    JsonNode own = JSON.readTree(get(tenantB, "/v1/samples/" + sample + "/labels").body());
    assertThat(own.path("active")).isEmpty();
    assertThat(own.path("history")).isEmpty();

    var unsigned = fixture.http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/labels"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(401);
  }

  private static List<String> codes(JsonNode results) {
    var codes = new java.util.ArrayList<String>();
    results.forEach(r -> codes.add(r.has("code") ? r.path("code").asText() : null));
    return codes;
  }

  private static String upload(App app, byte[] jpeg) throws Exception {
    var response = fixture.postRaw(gateway.url(), app, null, "image/jpeg", jpeg);
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return JSON.readTree(response.body()).path("sampleId").asText();
  }

  private static String makeLabel(App app, String sample, String annotator) throws Exception {
    var made = post(app, "/v1/labels", """
        {"sampleId":"%s","classLabel":"cat","annotator":%s}""".formatted(sample, annotator), null);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return JSON.readTree(made.body()).path("labelId").asText();
  }

  private static LabelEvent labelEvent(String labelId, LabelEventKind kind) {
    return fixture.labels().stream().filter(e -> e.getLabelId().equals(labelId) && e.getKind() == kind).findFirst()
        .orElseThrow();
  }

  private static HttpResponse<String> post(App app, String path, String json, String requestId) throws Exception {
    URI uri = URI.create(gateway.url() + path);
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    var request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    if (requestId != null) {
      request.header("X-Request-Id", requestId);
    }
    app.signer().sign("POST", uri, body).asMap().forEach(request::header);
    return fixture.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(App app, String path) throws Exception {
    URI uri = URI.create(gateway.url() + path);
    var request = HttpRequest.newBuilder(uri).GET();
    app.signer().sign("GET", uri, new byte[0]).asMap().forEach(request::header);
    return fixture.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
