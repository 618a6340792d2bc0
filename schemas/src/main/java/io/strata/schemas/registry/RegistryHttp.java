package io.strata.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to the registry's REST API, with failover: a URL that cannot be reached is skipped and the
 * next one tried; the URL that last answered is tried first next time. Any HTTP answer, error or not, ends the
 * call: a 4xx from one registry node would be the same on the others.
 */
final class RegistryHttp {

  private static final Logger log = LoggerFactory.getLogger(RegistryHttp.class);
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final List<URI> urls;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger preferred = new AtomicInteger();

  RegistryHttp(RegistryClientConfig config) {
    this.urls = config.urls();
    this.requestTimeout = config.requestTimeout();
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** What a call is about, for error messages: {@code failure} says what could not be done. */
  record Call(String method, String path, String failure, String subject, Integer schemaId) {}

  static String subjectPath(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  ObjectMapper json() {
    return json;
  }

  JsonNode send(Call call, String body) {
    var failures = new ArrayList<String>();
    int first = preferred.get();
    for (int i = 0; i < urls.size(); i++) {
      int index = (first + i) % urls.size();
      URI url = urls.get(index);
      HttpResponse<String> response;
      try {
        response = http.send(request(url, call, body), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        log.warn("Schema registry unreachable: url={} method={} path={} error={}", url, call.method(), call.path(),
            e.toString());
        failures.add(url + " (" + describe(e) + ")");
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(call.failure() + ": interrupted while waiting for the schema registry at "
            + url, SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER, call.subject(),
            call.schemaId(), e);
      }
      preferred.set(index);
      return answer(url, call, response);
    }
    throw new SchemaRegistryException(call.failure() + ": schema registry unreachable, tried "
        + String.join(", ", failures) + ". Check schema.registry.url and that the registry is running.",
        SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER, call.subject(), call.schemaId(),
        null);
  }

  private HttpRequest request(URI url, Call call, String body) {
    var builder = HttpRequest.newBuilder(URI.create(url + call.path()))
        .timeout(requestTimeout)
        .header("Accept", ACCEPT);
    if (body == null) {
      return builder.GET().build();
    }
    return builder.header("Content-Type", CONTENT_TYPE)
        .method(call.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private JsonNode answer(URI url, Call call, HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode tree = parse(response.body());
    if (status / 100 == 2 && tree != null) {
      return tree;
    }
    int errorCode = tree != null && tree.path("error_code").isInt() ? tree.path("error_code").asInt() : status;
    String message = tree != null && tree.path("message").isTextual()
        ? tree.path("message").asText()
        : abbreviate(response.body());
    if (status / 100 == 2) {
      message = "unparseable answer " + message;
    }
    throw new SchemaRegistryException(call.failure() + ": " + message + " (HTTP " + status + ", error_code "
        + errorCode + ", " + call.method() + " " + url + call.path() + ")", status, errorCode, call.subject(),
        call.schemaId(), null);
  }

  private JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? null : json.readTree(body);
    } catch (JsonProcessingException e) {
      log.debug("Schema registry answer is not JSON: {}", e.getOriginalMessage());
      return null;
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if ((message == null || message.isBlank()) && e instanceof ConnectException) {
      message = "connection refused";
    }
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }

  private static String abbreviate(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() <= MAX_BODY_IN_MESSAGE ? text : text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
