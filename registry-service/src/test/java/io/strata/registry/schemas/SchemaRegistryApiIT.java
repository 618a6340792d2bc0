package io.strata.registry.schemas;

import static io.strata.registry.schemas.TestRegistry.schemaBody;
import static io.strata.registry.schemas.TestSchemas.V1;
import static io.strata.registry.schemas.TestSchemas.canonical;
import static io.strata.registry.schemas.TestSchemas.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.schemas.TestRegistry.Reply;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every endpoint of the Confluent API and every error code, against a registry on a real broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRegistryApiIT {

  private TestRegistry registry;

  @BeforeAll
  void start() {
    registry = TestRegistry.on(TestTopics.unique("_schemas-api"));
  }

  @AfterAll
  void stop() {
    registry.close();
  }

  @Test
  void shouldRegisterASchemaAndServeItEveryWayConfluentDoes() {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();
    Reply registered = registry.register(subject, schemas.v1());
    assertThat(registered.status()).isEqualTo(200);
    int id = registered.id();
    assertThat(registered.json().size()).isEqualTo(1);

    assertThat(registry.get("/schemas/ids/" + id).json().path("schema").asText()).isEqualTo(canonical(schemas.v1()));
    assertThat(registry.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(canonical(schemas.v1()));
    assertThat(registry.get("/subjects").json()).extracting(Object::toString).asString().contains(subject);
    assertThat(registry.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    for (String version : new String[] {"1", "latest", "-1"}) {
      var json = registry.get("/subjects/" + subject + "/versions/" + version).json();
      assertThat(json.path("subject").asText()).isEqualTo(subject);
      assertThat(json.path("version").asInt()).isEqualTo(1);
      assertThat(json.path("id").asInt()).isEqualTo(id);
      assertThat(json.path("schema").asText()).isEqualTo(canonical(schemas.v1()));
    }
    assertThat(registry.get("/subjects/" + subject + "/versions/latest/schema").body()).isEqualTo(canonical(schemas.v1()));
    assertThat(registry.get("/schemas/ids/" + id + "/subjects").body()).isEqualTo("[\"" + subject + "\"]");
    assertThat(registry.get("/schemas/ids/" + id + "/versions").body())
        .isEqualTo("[{\"subject\":\"" + subject + "\",\"version\":1}]");
    var found = registry.post("/subjects/" + subject, schemaBody(schemas.v1())).json();
    assertThat(found.path("id").asInt()).isEqualTo(id);
    assertThat(found.path("version").asInt()).isEqualTo(1);
    assertThat(found.path("subject").asText()).isEqualTo(subject);
    assertThat(found.path("schema").asText()).isEqualTo(canonical(schemas.v1()));
    assertThat(registry.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
    assertThat(registry.get("/").body()).isEqualTo("{}");
  }

  @Test
  void shouldReturnTheSameIdForTheSameSchemaHoweverItIsWritten() {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();
    int id = registry.register(subject, schemas.v1()).id();

    Reply again = registry.register(subject, schemas.v1().replace(" ", "").replace(",", ", "));
    Reply explicitAvro = registry.post("/subjects/" + subject + "/versions",
        "{\"schema\":" + quoted(schemas.v1()) + ",\"schemaType\":\"AVRO\",\"references\":[],\"unknownField\":1}");
    Reply otherSubject = registry.register(subject(), schemas.v1());

    assertThat(again.id()).isEqualTo(id);
    assertThat(explicitAvro.id()).isEqualTo(id);
    assertThat(otherSubject.id()).isEqualTo(id);
    assertThat(registry.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    assertThat(registry.get("/schemas/ids/" + id + "/subjects").json()).hasSize(2);
  }

  @Test
  void shouldAnswerConfluentErrorsForWhatDoesNotExist() {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();
    registry.register(subject, schemas.v1());

    assertError(registry.get("/subjects/nobody-" + UUID.randomUUID() + "/versions"), 404, 40401);
    assertError(registry.get("/subjects/nobody-" + UUID.randomUUID() + "/versions/1"), 404, 40401);
    assertError(registry.get("/subjects/" + subject + "/versions/7"), 404, 40402);
    assertError(registry.get("/subjects/" + subject + "/versions/zero"), 422, 42202);
    assertError(registry.get("/subjects/" + subject + "/versions/0"), 422, 42202);
    assertError(registry.get("/schemas/ids/999999"), 404, 40403);
    assertError(registry.get("/schemas/ids/abc"), 404, 40403);
    assertError(registry.get("/schemas/ids/999999/subjects"), 404, 40403);
    assertError(registry.post("/subjects/" + subject, schemaBody(schemas.v2())), 404, 40403);
    assertError(registry.post("/subjects/nobody-" + UUID.randomUUID(), schemaBody(schemas.v1())), 404, 40401);
    assertThat(registry.get("/subjects/" + subject + "/versions/7").json().path("message").asText())
        .isEqualTo("Version 7 not found.");
  }

  @Test
  void shouldRefuseWhatIsNotAValidAvroSchema() {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();

    Reply badAvro = registry.register(subject, "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\"}]}");
    Reply badDefault = registry.register(subject, sample("{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}"));
    Reply notJson = registry.register(subject, "{not json");
    Reply protobuf = registry.post("/subjects/" + subject + "/versions",
        "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");
    Reply references = registry.post("/subjects/" + subject + "/versions",
        "{\"schema\":" + quoted(schemas.v1()) + ",\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}");
    Reply malformedBody = registry.post("/subjects/" + subject + "/versions", "{\"schema\":");

    assertError(badAvro, 422, 42201);
    assertThat(badAvro.json().path("message").asText()).contains("Invalid schema", "type");
    assertError(badDefault, 422, 42201);
    assertError(notJson, 422, 42201);
    assertThat(notJson.json().path("message").asText()).contains("not valid JSON");
    assertError(protobuf, 422, 42201);
    assertThat(protobuf.json().path("message").asText()).contains("PROTOBUF", "AVRO only");
    assertError(references, 422, 42201);
    assertError(malformedBody, 400, 400);
    assertError(registry.get("/subjects/" + subject + "/versions"), 404, 40401);
  }

  @Test
  void shouldRefuseAnIncompatibleSchemaSayingWhichRuleAndField() {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();
    registry.register(subject, schemas.v1());

    Reply incompatible = registry.register(subject, schemas.v2NoDefault());

    assertError(incompatible, 409, 409);
    assertThat(incompatible.json().path("message").asText())
        .contains(subject, "BACKWARD", "READER_FIELD_MISSING_DEFAULT_VALUE", "'width'");
    assertThat(registry.register(subject, schemas.v2()).status()).isEqualTo(200);
  }

  @Test
  void shouldApplyTransitiveLevelsToEveryLiveVersion() {
    var schemas = TestSchemas.Unique.create();
    String lenient = subject();
    String strict = subject();
    registry.put("/config/" + strict, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
    for (String subject : new String[] {lenient, strict}) {
      registry.register(subject, schemas.v1());
      registry.register(subject, schemas.v2());
    }

    assertThat(registry.register(lenient, schemas.v2NoDefault()).status()).isEqualTo(200);
    assertError(registry.register(strict, schemas.v2NoDefault()), 409, 409);
  }

  @Test
  void shouldReadAndChangeCompatibilityLevelsLikeConfluent() {
    String subject = subject();
    assertThat(registry.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertError(registry.get("/config/" + subject), 404, 40408);
    assertThat(registry.get("/config/" + subject + "?defaultToGlobal=true").body())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

    assertThat(registry.put("/config/" + subject, "{\"compatibility\":\"full_transitive\"}").body())
        .isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
    assertThat(registry.get("/config/" + subject).body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
    assertThat(registry.delete("/config/" + subject).body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
    assertError(registry.delete("/config/" + subject), 404, 40401);
    assertError(registry.get("/config/" + subject), 404, 40408);

    Reply invalid = registry.put("/config/" + subject, "{\"compatibility\":\"SOMETIMES\"}");
    assertError(invalid, 422, 42203);
    assertThat(invalid.json().path("message").asText()).contains("backward_transitive", "full_transitive");
    assertError(registry.put("/config", "{}"), 422, 42203);
  }

  @Test
  void shouldChangeTheGlobalLevel() {
    try (var own = TestRegistry.on(TestTopics.unique("_schemas-global"))) {
      assertThat(own.put("/config", "{\"compatibility\":\"NONE\"}").body()).isEqualTo("{\"compatibility\":\"NONE\"}");
      assertThat(own.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
      own.register("any-value", V1);
      assertThat(own.register("any-value", sample("{\"name\":\"id\",\"type\":\"long\"}")).status()).isEqualTo(200);
    }
  }

  @Test
  void shouldCheckCompatibilityWithoutRegistering() {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();
    String path = "/compatibility/subjects/" + subject + "/versions";
    assertThat(registry.post(path + "/latest", schemaBody(schemas.v2NoDefault())).body()).isEqualTo("{\"is_compatible\":true}");
    registry.register(subject, schemas.v1());

    assertThat(registry.post(path + "/latest", schemaBody(schemas.v2())).body()).isEqualTo("{\"is_compatible\":true}");
    assertThat(registry.post(path + "/1", schemaBody(schemas.v2NoDefault())).body()).isEqualTo("{\"is_compatible\":false}");
    assertThat(registry.post(path, schemaBody(schemas.v2NoDefault())).json().path("is_compatible").asBoolean()).isFalse();
    var verbose = registry.post(path + "/latest?verbose=true", schemaBody(schemas.v2NoDefault())).json();
    assertThat(verbose.path("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.path("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "'width'");
    assertThat(registry.post(path + "/1?verbose=true", schemaBody(schemas.v2())).json().path("messages")).isEmpty();
    assertError(registry.post(path + "/2", schemaBody(schemas.v2())), 404, 40402);
    assertError(registry.post(path + "/two", schemaBody(schemas.v2())), 422, 42202);
    assertError(registry.post("/compatibility/subjects/nobody-" + UUID.randomUUID() + "/versions/1", schemaBody(schemas.v2())),
        404, 40401);
    assertThat(registry.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
  }

  @Test
  void shouldSoftDeleteAndPermanentlyDeleteVersionsLikeConfluent() {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();
    registry.register(subject, schemas.v1());
    int v2Id = registry.register(subject, schemas.v2()).id();
    String versions = "/subjects/" + subject + "/versions/";

    assertError(registry.delete(versions + "1?permanent=true"), 404, 40407);
    assertThat(registry.delete(versions + "2").body()).isEqualTo("2");
    assertError(registry.delete(versions + "2"), 404, 40406);
    assertError(registry.delete(versions + "3"), 404, 40402);
    assertError(registry.get(versions + "2"), 404, 40402);
    assertThat(registry.get(versions + "2?deleted=true").json().path("id").asInt()).isEqualTo(v2Id);
    assertThat(registry.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    assertThat(registry.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[1,2]");
    assertThat(registry.get("/schemas/ids/" + v2Id).status()).isEqualTo(200);
    assertThat(registry.get(versions + "latest").json().path("version").asInt()).isEqualTo(1);

    assertThat(registry.delete(versions + "2?permanent=true").body()).isEqualTo("2");
    assertError(registry.get(versions + "2?deleted=true"), 404, 40402);
    assertError(registry.get("/schemas/ids/" + v2Id), 404, 40403);
    assertError(registry.delete("/subjects/nobody-" + UUID.randomUUID() + "/versions/1"), 404, 40401);
  }

  @Test
  void shouldSoftDeleteAndPermanentlyDeleteSubjectsLikeConfluent() {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();
    int id = registry.register(subject, schemas.v1()).id();
    registry.register(subject, schemas.v2());

    assertError(registry.delete("/subjects/" + subject + "?permanent=true"), 404, 40405);
    assertThat(registry.delete("/subjects/" + subject).body()).isEqualTo("[1,2]");
    assertError(registry.delete("/subjects/" + subject), 404, 40404);
    assertThat(registry.get("/subjects").body()).doesNotContain(subject);
    assertThat(registry.get("/subjects?deleted=true").body()).contains(subject);
    assertError(registry.get("/subjects/" + subject + "/versions"), 404, 40401);
    assertThat(registry.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[1,2]");
    assertThat(registry.get("/subjects/" + subject + "/versions/latest?deleted=true").json().path("version").asInt())
        .isEqualTo(2);
    assertThat(registry.post("/subjects/" + subject + "?deleted=true", schemaBody(schemas.v1())).json().path("id").asInt())
        .isEqualTo(id);
    assertThat(registry.get("/schemas/ids/" + id + "/subjects").body()).isEqualTo("[]");
    assertThat(registry.get("/schemas/ids/" + id + "/subjects?deleted=true").body()).contains(subject);

    assertThat(registry.delete("/subjects/" + subject + "?permanent=true").body()).isEqualTo("[1,2]");
    assertError(registry.get("/subjects/" + subject + "/versions?deleted=true"), 404, 40401);
    assertError(registry.delete("/subjects/" + subject), 404, 40401);
    assertThat(registry.register(subject, schemas.v1()).status()).isEqualTo(200);
    assertThat(registry.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
  }

  @Test
  void shouldTakeEveryMediaTypeConfluentTakesAndAnswerJsonToJsonOnlyClients() throws Exception {
    var schemas = TestSchemas.Unique.create();
    String subject = subject();
    var http = HttpClient.newHttpClient();
    String[] contentTypes = {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
        "application/json", "application/octet-stream", null};
    for (String contentType : contentTypes) {
      var request = java.net.http.HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject + "/versions"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(schemaBody(schemas.v1())));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("Content-Type %s", contentType).isEqualTo(200);
    }

    assertThat(contentType(http, "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; "
        + "qs=0.9, application/json; qs=0.5")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(contentType(http, null)).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(contentType(http, "*/*")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(contentType(http, "application/json")).isEqualTo("application/json");
  }

  @Test
  void shouldAnswerUnknownRoutesAndMethodsWithConfluentErrors() {
    Reply unknown = registry.get("/no/such/route");
    Reply wrongMethod = registry.send(HttpRequest.PATCH("/subjects", "{}"));

    assertError(unknown, 404, 404);
    assertThat(unknown.json().path("message").asText()).isEqualTo("HTTP 404 Not Found");
    assertError(wrongMethod, 405, 405);
  }

  @Test
  void shouldReportHealthUpOnceTheTopicIsRead() {
    Reply health = registry.get("/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
    assertThat(health.json().path("details").path("schemaStore").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void shouldServePrometheusMetricsWithRequestTimersByRoute() {
    registry.get("/subjects");
    Reply metrics = registry.get("/metrics");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("component=\"registry\"").contains("jvm_memory_used_bytes")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/subjects\"");
  }

  private String contentType(HttpClient http, String accept) throws IOException, InterruptedException {
    var request = java.net.http.HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/types"));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).headers()
        .firstValue("Content-Type").orElseThrow();
  }

  private static void assertError(Reply reply, int status, int errorCode) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.errorCode()).as("error_code of %s", reply.body()).isEqualTo(errorCode);
    assertThat(reply.json().path("message").asText()).isNotBlank();
    assertThat(reply.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
  }

  private static String subject() {
    return "api-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
  }

  private static String quoted(String text) {
    try {
      return new ObjectMapper().writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
