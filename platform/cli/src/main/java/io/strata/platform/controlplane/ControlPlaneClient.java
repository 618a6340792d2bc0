package io.strata.platform.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The registry's operator API ({@code /v1/...}) over plain HTTP, authenticated with the admin token. Answers
 * are returned as the server's JSON; an error answer becomes a {@link ControlPlaneException} carrying the
 * server's {@code code} and {@code message}.
 */
public final class ControlPlaneClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String baseUrl;
  private final String adminToken;
  private final HttpClient http;

  /**
   * @param baseUrl the registry, e.g. {@code http://localhost:8081}
   * @param adminToken the operator's bearer token
   */
  public ControlPlaneClient(String baseUrl, String adminToken, HttpClient http) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.adminToken = adminToken;
    this.http = http;
  }

  public ControlPlaneClient(String baseUrl, String adminToken) {
    this(baseUrl, adminToken, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
  }

  /** {@code path} with each of {@code segments} percent-encoded, e.g. {@code path("/v1/tenants/%s", id)}. */
  public static String path(String template, String... segments) {
    Object[] encoded = new Object[segments.length];
    for (int i = 0; i < segments.length; i++) {
      encoded[i] = URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20");
    }
    return String.format(template, encoded);
  }

  /** The elements of a list answer: the array itself, or the first array field of an object. */
  public static Iterable<JsonNode> elements(JsonNode answer) {
    if (answer.isArray()) {
      return answer;
    }
    for (var field : answer) {
      if (field.isArray()) {
        return field;
      }
    }
    return java.util.List.of();
  }

  public JsonNode get(String path) {
    return send(request(path).GET());
  }

  public JsonNode post(String path, Object body) {
    return send(request(path).POST(json(body)));
  }

  public JsonNode put(String path, Object body) {
    return send(request(path).PUT(json(body)));
  }

  public JsonNode delete(String path) {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + adminToken)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write the request body as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private JsonNode send(HttpRequest.Builder builder) {
    var request = builder.build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ControlPlaneException.unreachable(baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ControlPlaneException.unreachable(baseUrl, e);
    }
    var body = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw new ControlPlaneException(response.statusCode(), body.path("code").asText("http_" + response.statusCode()),
          body.path("message").asText(request.method() + " " + request.uri().getPath() + " answered HTTP "
              + response.statusCode()), null);
    }
    return body;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance(); // not JSON (e.g. a proxy's HTML page): callers fall back to the status
    }
  }
}
