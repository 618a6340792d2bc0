package io.strata.platform.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.strata.auth.signing.RequestSigner;
import io.strata.platform.signing.SignedHttpClient;
import io.strata.platform.signing.SignedHttpClient.Answer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The upload gateway's API as {@code strata ingest} uses it: every request signed by the app (docs/signing.md),
 * and retried (with a new signature) when the gateway answers 503 or cannot be reached, which the gateway
 * documents as safe for uploads.
 */
final class GatewayClient {

  static final ObjectMapper JSON = SignedHttpClient.JSON;

  private final SignedHttpClient http;

  GatewayClient(String baseUrl, RequestSigner signer) {
    this.http = new SignedHttpClient("the gateway", baseUrl, signer);
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
    return http.send("POST", "/v1/samples?" + encode(query), image, "application/octet-stream");
  }

  /** {@code POST /v1/labels} with a batch. */
  Answer labels(ArrayNode labels) throws IOException, InterruptedException {
    byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().set("labels", labels));
    return http.send("POST", "/v1/labels", body, "application/json");
  }

  /** {@code GET /v1/samples/{id}/labels}. */
  Answer sampleLabels(String sampleId) throws IOException, InterruptedException {
    return http.send("GET", "/v1/samples/" + sampleId + "/labels", new byte[0], null);
  }

  private static String encode(Map<String, String> query) {
    return query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("&"));
  }
}
