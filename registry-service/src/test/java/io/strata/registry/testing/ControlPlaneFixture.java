package io.strata.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.auth.secrets.AppSecret;
import io.strata.auth.signing.RequestSigner;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.RegistryServer;
import io.strata.registry.schemas.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A registry with the control plane enabled on the shared broker, with unique topics, two tenants and an app in
 * each: the operator and both apps can call it.
 */
public final class ControlPlaneFixture implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public final EmbeddedKafka kafka = EmbeddedKafka.shared();
  public final String token = "test-admin-token-" + System.nanoTime();
  public final Map<String, Object> properties = new HashMap<>();
  public final String tenantA = TestTopics.unique("ta").toLowerCase();
  public final String tenantB = TestTopics.unique("tb").toLowerCase();
  public RegistryServer server;
  public String appKeyA;
  public AppSecret secretA;
  public String appKeyB;
  public AppSecret secretB;

  /** A reply: status, body, headers. */
  public record Reply(int status, String body, Map<String, List<String>> headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("Not JSON: " + body, e);
      }
    }

    public String code() {
      return json().path("code").asText();
    }
  }

  /**
   * @param topics extra topic settings: property key to the number of partitions of a new unique topic
   */
  public ControlPlaneFixture(Map<String, Integer> topics, Map<String, Object> extra) {
    String apps = TestTopics.unique("apps");
    String tenants = TestTopics.unique("tenants");
    kafka.createTopic(apps, 3, Map.of("cleanup.policy", "compact"));
    kafka.createTopic(tenants, 1, Map.of("cleanup.policy", "compact"));
    topics.forEach((key, partitions) -> {
      String topic = TestTopics.unique(key.replaceAll("[^a-z]", ""));
      kafka.createTopic(topic, partitions);
      properties.put(key, topic);
    });
    byte[] masterKey = new byte[32];
    new SecureRandom().nextBytes(masterKey);
    properties.put(StoreSettings.TOPIC, TestTopics.unique("schemas"));
    properties.put("strata.apps.topic", apps);
    properties.put("strata.tenants.topic", tenants);
    properties.put("strata.admin.token", token);
    properties.put("strata.secrets.master-keys", "k1:" + Base64.getEncoder().encodeToString(masterKey));
    properties.putAll(extra);
    server = start();
    assertThat(operator("POST", "/v1/tenants", "{\"tenantId\":\"" + tenantA + "\"}").status()).isEqualTo(201);
    assertThat(operator("POST", "/v1/tenants", "{\"tenantId\":\"" + tenantB + "\"}").status()).isEqualTo(201);
    JsonNode a = operator("POST", "/v1/tenants/" + tenantA + "/apps", "{\"name\":\"a-app\"}").json();
    appKeyA = a.path("appKey").asText();
    secretA = AppSecret.of(a.path("appSecret").asText());
    JsonNode b = operator("POST", "/v1/tenants/" + tenantB + "/apps", "{\"name\":\"b-app\"}").json();
    appKeyB = b.path("appKey").asText();
    secretB = AppSecret.of(b.path("appSecret").asText());
  }

  /** Starts another registry on the same settings. */
  public RegistryServer start() {
    return RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()), properties);
  }

  public String topic(String key) {
    return (String) properties.get(key);
  }

  public Map<String, Object> serdeConfig() {
    return Map.of("schema.registry.url", server.url());
  }

  public Reply operator(String method, String path, String body) {
    return send(server, method, path, body, Map.of("Authorization", "Bearer " + token));
  }

  public Reply appA(String method, String path, String body) {
    return signed(appKeyA, secretA, method, path, body);
  }

  public Reply appB(String method, String path, String body) {
    return signed(appKeyB, secretB, method, path, body);
  }

  public Reply signed(String appKey, AppSecret secret, String method, String path, String body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    var headers = RequestSigner.create(appKey, secret).sign(method, URI.create(server.url() + path), bytes);
    return send(server, method, path, body, headers.asMap());
  }

  public static Reply send(RegistryServer target, String method, String path, String body,
      Map<String, String> headers) {
    var request = HttpRequest.newBuilder(URI.create(target.url() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), new String(response.body(), StandardCharsets.ISO_8859_1),
          response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
