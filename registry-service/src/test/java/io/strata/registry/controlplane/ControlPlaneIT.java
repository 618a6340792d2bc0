package io.strata.registry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.auth.secrets.AppSecret;
import io.strata.auth.signing.RequestSigner;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.RegistryServer;
import io.strata.registry.schemas.StoreSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The /v1/ control plane on a real broker: every endpoint and error code, access rules, restart. */
class ControlPlaneIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EmbeddedKafka kafka = EmbeddedKafka.shared();
  private static final String TOKEN = "test-admin-token-" + System.nanoTime();
  private static final HttpClient http = HttpClient.newHttpClient();

  private static Map<String, Object> properties;
  private static RegistryServer server;
  private static String tenantA;
  private static String tenantB;
  private static String appKeyA;
  private static AppSecret secretA;
  private static String appKeyB;

  record Reply(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("Not JSON: " + body, e);
      }
    }

    String code() {
      return json().path("code").asText();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    properties = controlPlaneProperties();
    server = start(properties);
    tenantA = TestTopics.unique("ta").toLowerCase();
    tenantB = TestTopics.unique("tb").toLowerCase();
    assertThat(operator("POST", "/v1/tenants", "{\"tenantId\":\"" + tenantA + "\",\"displayName\":\"A\"}").status())
        .isEqualTo(201);
    assertThat(operator("POST", "/v1/tenants", "{\"tenantId\":\"" + tenantB + "\"}").status()).isEqualTo(201);
    JsonNode a = operator("POST", "/v1/tenants/" + tenantA + "/apps", "{\"name\":\"a-app\"}").json();
    appKeyA = a.path("appKey").asText();
    secretA = AppSecret.of(a.path("appSecret").asText());
    appKeyB = operator("POST", "/v1/tenants/" + tenantB + "/apps", "{\"name\":\"b-app\"}").json().path("appKey").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Map<String, Object> controlPlaneProperties() {
    String apps = TestTopics.unique("apps");
    String tenants = TestTopics.unique("tenants");
    kafka.createTopic(apps, 3, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(tenants, 1, Map.of("cleanup.policy", "compact"));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    var all = new HashMap<String, Object>();
    all.put(StoreSettings.TOPIC, TestTopics.unique("schemas"));
    all.put(ControlPlaneSettings.APPS_TOPIC, apps);
    all.put(ControlPlaneSettings.TENANTS_TOPIC, tenants);
    all.put(ControlPlaneSettings.ADMIN_TOKEN, TOKEN);
    all.put(ControlPlaneSettings.MASTER_KEYS, "k1:" + Base64.getEncoder().encodeToString(key));
    return all;
  }

  static RegistryServer start(Map<String, Object> props) {
    return RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()), props);
  }

  // ---------------------------------------------------------------- operator: every endpoint and error

  @Test
  void shouldManageTenants() {
    assertThat(operator("POST", "/v1/tenants", "{\"tenantId\":\"" + tenantA + "\"}").code()).isEqualTo("TENANT_EXISTS");
    assertThat(operator("POST", "/v1/tenants", "{\"tenantId\":\"" + tenantA + "\"}").status()).isEqualTo(409);
    Reply invalid = operator("POST", "/v1/tenants", "{\"tenantId\":\"Bad_Id\"}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.code()).isEqualTo("INVALID_TENANT_ID");
    assertThat(operator("POST", "/v1/tenants", "{not json").code()).isEqualTo("INVALID_JSON");

    Reply got = operator("GET", "/v1/tenants/" + tenantA, null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("displayName").asText()).isEqualTo("A");
    assertThat(got.json().path("createdAt").asText()).isNotEmpty();
    assertThat(operator("GET", "/v1/tenants", null).json().path("tenants").findValuesAsText("tenantId"))
        .contains(tenantA, tenantB);
    Reply missing = operator("GET", "/v1/tenants/no-such-tenant", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("TENANT_NOT_FOUND");
  }

  @Test
  void shouldManageAnAppThroughItsWholeLife() {
    String apps = "/v1/tenants/" + tenantA + "/apps";
    Reply created = operator("POST", apps, "{\"name\":\"camera\",\"limits\":{\"requestsPerSecond\":5}}");
    assertThat(created.status()).isEqualTo(201);
    String appKey = created.json().path("appKey").asText();
    String secret = created.json().path("appSecret").asText();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(16);
    assertThat(created.json().path("limits").path("requestsPerSecond").asInt()).isEqualTo(5);
    assertThat(operator("POST", "/v1/tenants/no-such-tenant/apps", "{\"name\":\"x\"}").code())
        .isEqualTo("TENANT_NOT_FOUND");
    assertThat(operator("POST", apps, "{}").code()).isEqualTo("INVALID_APP_NAME");

    Reply listed = operator("GET", apps, null);
    assertThat(listed.json().path("apps").findValuesAsText("appKey")).contains(appKey);
    Reply got = operator("GET", apps + "/" + appKey, null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("tenantId").asText()).isEqualTo(tenantA);
    assertThat(listed.body() + got.body()).doesNotContain(secret).doesNotContain("appSecret");
    assertThat(operator("GET", "/v1/tenants/" + tenantB + "/apps/" + appKey, null).code()).isEqualTo("APP_NOT_FOUND");
    assertThat(operator("GET", apps + "/ak_nosuchapp", null).status()).isEqualTo(404);

    Reply rotated = operator("POST", apps + "/" + appKey + "/rotate-secret", "{\"graceSeconds\":60}");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().path("appSecret").asText()).isNotEqualTo(secret);
    assertThat(rotated.json().path("previousSecretValidUntil").asText()).isNotEmpty();
    assertThat(operator("POST", apps + "/" + appKey + "/rotate-secret", "{\"graceSeconds\":-1}").code())
        .isEqualTo("INVALID_GRACE");
    // Both secrets sign during the grace period.
    assertThat(signed(appKey, AppSecret.of(secret), "GET", apps + "/" + appKey, null).status()).isEqualTo(200);
    assertThat(signed(appKey, AppSecret.of(rotated.json().path("appSecret").asText()), "GET", apps, null).status())
        .isEqualTo(200);

    assertThat(operator("POST", apps + "/" + appKey + "/block", "{}").code()).isEqualTo("REASON_REQUIRED");
    Reply blocked = operator("POST", apps + "/" + appKey + "/block", "{\"reason\":\"unpaid\"}");
    assertThat(blocked.json().path("blocked").asBoolean()).isTrue();
    assertThat(blocked.json().path("blockReason").asText()).isEqualTo("unpaid");
    assertThat(blocked.json().path("createdAt").asText()).as("the registration time survives later changes")
        .isNotEmpty().isEqualTo(created.json().path("createdAt").asText());
    Reply refused = signed(appKey, AppSecret.of(secret), "GET", apps, null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("APP_BLOCKED");
    Reply unblocked = operator("POST", apps + "/" + appKey + "/unblock", null);
    assertThat(unblocked.json().path("blocked").asBoolean()).isFalse();

    String limits = "{\"requestsPerSecond\":10,\"requestsPerMinute\":300,\"perApi\":[{\"api\":\"predict\","
        + "\"requestsPerSecond\":2,\"requestsPerMinute\":null}],\"monthlyQuotaUnits\":100000}";
    Reply limited = operator("PUT", apps + "/" + appKey + "/limits", limits);
    assertThat(limited.status()).isEqualTo(200);
    assertThat(limited.json().path("limits").path("perApi").get(0).path("api").asText()).isEqualTo("predict");
    assertThat(limited.json().path("limits").path("monthlyQuotaUnits").asLong()).isEqualTo(100000);
    assertThat(operator("PUT", apps + "/" + appKey + "/limits", "{\"requestsPerSecond\":0}").code())
        .isEqualTo("INVALID_LIMITS");

    assertThat(operator("DELETE", apps + "/" + appKey, null).status()).isEqualTo(204);
    assertThat(operator("GET", apps + "/" + appKey, null).code()).isEqualTo("APP_NOT_FOUND");
    assertThat(signed(appKey, AppSecret.of(secret), "GET", apps, null).code()).isEqualTo("UNKNOWN_APP_KEY");
  }

  // ---------------------------------------------------------------- authentication

  @Test
  void shouldRefuseCallsWithoutValidCredentials() {
    Reply none = send("GET", "/v1/tenants", null, Map.of());
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.code()).isEqualTo("UNAUTHENTICATED");
    Reply bad = send("GET", "/v1/tenants", null, Map.of("Authorization", "Bearer wrong"));
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.code()).isEqualTo("INVALID_ADMIN_TOKEN");
    Reply forged = signed(appKeyA, AppSecret.of("x".repeat(43)), "GET", "/v1/tenants/" + tenantA, null);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.code()).isEqualTo("SIGNATURE_MISMATCH");
    assertThat(send("GET", "/subjects", null, Map.of()).status()).as("schema registry stays open").isEqualTo(200);
  }

  @Test
  void shouldLetAnAppReadOnlyItsOwnTenant() {
    assertThat(signed(appKeyA, secretA, "GET", "/v1/tenants/" + tenantA, null).status()).isEqualTo(200);
    assertThat(signed(appKeyA, secretA, "GET", "/v1/tenants/" + tenantA + "/apps", null).status()).isEqualTo(200);
    assertThat(signed(appKeyA, secretA, "GET", "/v1/tenants/" + tenantA + "/apps/" + appKeyA, null).status())
        .isEqualTo(200);
    Reply list = signed(appKeyA, secretA, "GET", "/v1/tenants", null);
    assertThat(list.status()).isEqualTo(403);
    assertThat(list.code()).isEqualTo("OPERATOR_ONLY");
    Reply mutate = signed(appKeyA, secretA, "POST", "/v1/tenants/" + tenantA + "/apps", "{\"name\":\"x\"}");
    assertThat(mutate.status()).isEqualTo(403);
    assertThat(mutate.code()).isEqualTo("OPERATOR_ONLY");
  }

  record Endpoint(String method, String template, String body, String expectedCode) {
    String path(String tenant, String appKey) {
      return template.replace("{t}", tenant).replace("{a}", appKey);
    }

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  static Stream<Endpoint> endpointsTakingATenant() {
    return Stream.of(
        new Endpoint("GET", "/v1/tenants/{t}", null, "TENANT_FORBIDDEN"),
        new Endpoint("GET", "/v1/tenants/{t}/apps", null, "TENANT_FORBIDDEN"),
        new Endpoint("GET", "/v1/tenants/{t}/apps/{a}", null, "TENANT_FORBIDDEN"),
        new Endpoint("POST", "/v1/tenants/{t}/apps", "{\"name\":\"intruder\"}", "OPERATOR_ONLY"),
        new Endpoint("POST", "/v1/tenants/{t}/apps/{a}/rotate-secret", "{}", "OPERATOR_ONLY"),
        new Endpoint("POST", "/v1/tenants/{t}/apps/{a}/block", "{\"reason\":\"x\"}", "OPERATOR_ONLY"),
        new Endpoint("POST", "/v1/tenants/{t}/apps/{a}/unblock", "{}", "OPERATOR_ONLY"),
        new Endpoint("PUT", "/v1/tenants/{t}/apps/{a}/limits", "{\"requestsPerSecond\":1}", "OPERATOR_ONLY"),
        new Endpoint("DELETE", "/v1/tenants/{t}/apps/{a}", null, "OPERATOR_ONLY"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpointsTakingATenant")
  void shouldRefuseAnAppOfTenantAOnTenantBsPath(Endpoint endpoint) {
    Reply onB = signed(appKeyA, secretA, endpoint.method(), endpoint.path(tenantB, appKeyB), endpoint.body());
    assertThat(onB.status()).as(onB.body()).isEqualTo(403);
    assertThat(onB.code()).isEqualTo(endpoint.expectedCode());
    // The same answer for a tenant that does not exist: an app cannot probe for tenants.
    Reply onNobody = signed(appKeyA, secretA, endpoint.method(), endpoint.path("no-such-tenant", appKeyB),
        endpoint.body());
    assertThat(onNobody.status()).isEqualTo(403);
    assertThat(onNobody.code()).isEqualTo(endpoint.expectedCode());
    // Tenant B's app is untouched.
    Reply b = operator("GET", "/v1/tenants/" + tenantB + "/apps/" + appKeyB, null);
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.json().path("blocked").asBoolean()).isFalse();
  }

  // ---------------------------------------------------------------- secrets, restart, settings

  @Test
  void shouldNeverLogASecret() throws IOException {
    String apps = "/v1/tenants/" + tenantA + "/apps";
    Reply created = operator("POST", apps, "{\"name\":\"logged\"}");
    String secret = created.json().path("appSecret").asText();
    String appKey = created.json().path("appKey").asText();
    String rotated = operator("POST", apps + "/" + appKey + "/rotate-secret", null).json().path("appSecret").asText();
    operator("POST", apps + "/" + appKey + "/block", "{\"reason\":\"test\"}");
    String logs = Files.readString(Path.of("target/test-logs/all.log"), StandardCharsets.UTF_8);
    assertThat(logs).contains(appKey).doesNotContain(secret).doesNotContain(rotated).doesNotContain(TOKEN);
  }

  @Test
  void shouldRebuildTheViewsFromTheTopicsOnRestart() {
    var props = controlPlaneProperties();
    String tenant = TestTopics.unique("tr").toLowerCase();
    String appKey;
    AppSecret secret;
    try (var first = start(props)) {
      assertThat(send(first, "POST", "/v1/tenants", "{\"tenantId\":\"" + tenant + "\"}", admin()).status())
          .isEqualTo(201);
      JsonNode app = send(first, "POST", "/v1/tenants/" + tenant + "/apps", "{\"name\":\"kept\"}", admin()).json();
      appKey = app.path("appKey").asText();
      secret = AppSecret.of(app.path("appSecret").asText());
      send(first, "POST", "/v1/tenants/" + tenant + "/apps/" + appKey + "/block", "{\"reason\":\"r\"}", admin());
    }
    try (var second = start(props)) {
      assertThat(send(second, "GET", "/v1/tenants/" + tenant, null, admin()).status()).isEqualTo(200);
      JsonNode app = send(second, "GET", "/v1/tenants/" + tenant + "/apps/" + appKey, null, admin()).json();
      assertThat(app.path("blocked").asBoolean()).isTrue();
      assertThat(send(second, "POST", "/v1/tenants/" + tenant + "/apps/" + appKey + "/unblock", null, admin()).status())
          .isEqualTo(200);
      String path = "/v1/tenants/" + tenant + "/apps/" + appKey;
      var headers = RequestSigner.create(appKey, secret).sign("GET", URI.create(second.url() + path), new byte[0]);
      assertThat(send(second, "GET", path, null, headers.asMap()).status()).isEqualTo(200);
    }
  }

  @Test
  void shouldAnswer503WhenNoAdminTokenIsConfigured() {
    var props = new HashMap<>(controlPlaneProperties());
    props.remove(ControlPlaneSettings.ADMIN_TOKEN);
    try (var disabled = start(props)) {
      Reply reply = send(disabled, "GET", "/v1/tenants", null, admin());
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.code()).isEqualTo("CONTROL_PLANE_DISABLED");
      assertThat(reply.json().path("message").asText()).contains("strata.admin.token", "strata.admin.token-file");
    }
  }

  @Test
  void shouldFailAtStartupWhenEnabledWithoutMasterKeys() {
    var props = new HashMap<>(controlPlaneProperties());
    props.remove(ControlPlaneSettings.MASTER_KEYS);
    assertThatThrownBy(() -> start(props).close())
        .hasMessageContaining("strata.secrets.master-key-file").hasMessageContaining("strata.secrets.master-keys");
  }

  // ---------------------------------------------------------------- HTTP helpers

  private static Map<String, String> admin() {
    return Map.of("Authorization", "Bearer " + TOKEN);
  }

  private static Reply operator(String method, String path, String body) {
    return send(method, path, body, admin());
  }

  private static Reply signed(String appKey, AppSecret secret, String method, String path, String body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    var headers = RequestSigner.create(appKey, secret).sign(method, URI.create(server.url() + path), bytes);
    return send(method, path, body, headers.asMap());
  }

  private static Reply send(String method, String path, String body, Map<String, String> headers) {
    return send(server, method, path, body, headers);
  }

  private static Reply send(RegistryServer target, String method, String path, String body,
      Map<String, String> headers) {
    var request = HttpRequest.newBuilder(URI.create(target.url() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
