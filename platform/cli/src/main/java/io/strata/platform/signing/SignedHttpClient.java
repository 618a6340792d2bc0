package io.strata.platform.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.auth.signing.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Calls a Strata API with signed requests (docs/signing.md). A request the service answers 503 (starting, or a
 * dependency briefly away), or that cannot connect, is tried again up to {@value #ATTEMPTS} times with a growing
 * pause; every other answer is returned as it is.
 */
public final class SignedHttpClient {

  /** The JSON codec of request and answer bodies. */
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 4;

  private final String service;
  private final String baseUrl;
  private final RequestSigner signer;
  private final HttpClient http;

  /**
   * @param service what the URL serves, for error messages ({@code "the gateway"})
   * @param baseUrl e.g. {@code http://localhost:8082}
   */
  public SignedHttpClient(String service, String baseUrl, RequestSigner signer) {
    this.service = Objects.requireNonNull(service, "service");
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** An answer: status and JSON body (an object with the text as {@code message} when the body is not JSON). */
  public record Answer(int status, JsonNode body) {

    /** The error body's stable code, or {@code HTTP_<status>} when it has none. */
    public String code() {
      return body.path("code").asText("HTTP_" + status);
    }

    public String message() {
      return body.path("message").asText("");
    }
  }

  /**
   * Sends {@code method pathAndQuery} with {@code body} (empty for none), signed.
   *
   * @throws IOException when the service cannot be reached after every attempt
   */
  public Answer send(String method, String pathAndQuery, byte[] body, String contentType)
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
    throw new IOException(capitalized(service) + " at " + baseUrl + " did not answer " + method + " " + uri.getPath()
        + " after " + ATTEMPTS + " attempts: " + failure.getMessage() + ". Is Strata running (./strata status)?",
        failure);
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) : body);
    }
  }
}
