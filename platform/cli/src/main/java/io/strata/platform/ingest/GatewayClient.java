package io.strata.platform.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.strata.auth.signing.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The upload gateway's API as {@code strata ingest} uses it: every request signed by the app (docs/signing.md),
 * and retried (with a new signature) when the gateway answers 503 or cannot be reached, which the gateway
 * documents as safe for uploads.
 */
final class GatewayClient {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 4;

  private final String baseUrl;
  private final RequestSigner signer;
  private final HttpClient http;

  GatewayClient(String baseUrl, RequestSigner signer) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A gateway answer: status and JSON body (an empty object when the body is not JSON). */
  record Answer(int status, JsonNode body) {
    String code() {
      return body.path("code").asText("HTTP_" + status);
    }

    String message() {
      return body.path("message").asText("");
    }
  }

  /** {@code POST /v1/samples} with the image as a raw body; the gateway detects its type from its bytes. */
  Answer upload(String filename, byte[] image, String dataset, String tags) throws IOException, InterruptedException {
    var query = new LinkedHashMap<String, String>();
    query.put("filename", filename);
    if (dataset != null) {
      query.put("dataset", dataset);
    }
    if (tags != null && !tags.isBlank()) {
      query.put("tags", tags);
    }
    query.put("source", "strata-ingest");
    return send("POST", "/v1/samples?" + encode(query), image, "application/octet-stream");
  }

  /** {@code POST /v1/labels} with a batch. */
  Answer labels(ArrayNode labels) throws IOException, InterruptedException {
    byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().set("labels", labels));
    return send("POST", "/v1/labels", body, "application/json");
  }

  /** {@code GET /v1/samples/{id}/labels}. */
  Answer sampleLabels(String sampleId) throws IOException, InterruptedException {
    return send("GET", "/v1/samples/" + sampleId + "/labels", new byte[0], null);
  }

  private Answer send(String method, String pathAndQuery, byte[] body, String contentType)
      throws IOException, InterruptedException {
    URI uri = URI.create(baseUrl + pathAndQuery);
    IOException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      var request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
          .method(method, body.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      signer.sign(method, uri, body).asMap().forEach(request::header);
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 503 || attempt == ATTEMPTS) {
          return new Answer(response.statusCode(), parse(response.body()));
        }
      } catch (IOException e) {
        failure = e;
      }
      Thread.sleep(500L << attempt);
    }
    throw new IOException("The gateway at " + baseUrl + " did not answer " + method + " " + uri.getPath() + " after "
        + ATTEMPTS + " attempts: " + failure.getMessage() + ". Is Strata running (./strata status)?", failure);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) : body);
    }
  }

  private static String encode(Map<String, String> query) {
    return query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("&"));
  }
}
