package io.strata.registry.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.registry.ConfluentJson;
import io.strata.registry.RegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A registry started through {@link RegistryServer} on the shared test broker, with its own storage topic,
 * and a Micronaut HTTP client that answers every status as a {@link Reply} instead of throwing.
 */
final class TestRegistry implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryServer server;
  private final HttpClient client;
  private final BlockingHttpClient http;

  private TestRegistry(RegistryServer server) {
    this.server = server;
    try {
      this.client = HttpClient.create(URI.create(server.url()).toURL());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    this.http = client.toBlocking();
  }

  /** A registry storing into {@code topic} on the shared broker. */
  static TestRegistry on(String topic) {
    return on(topic, Map.of());
  }

  static TestRegistry on(String topic, Map<String, Object> properties) {
    return on(EmbeddedKafka.shared().bootstrapServers(), topic, properties);
  }

  static TestRegistry on(String bootstrapServers, String topic, Map<String, Object> properties) {
    var all = new HashMap<String, Object>(properties);
    all.put(StoreSettings.TOPIC, topic);
    return new TestRegistry(RegistryServer.start(new RegistryServer.Settings(0, bootstrapServers), all));
  }

  String url() {
    return server.url();
  }

  /** An HTTP answer: status, body text and, when the body is JSON, its tree. */
  record Reply(int status, String body, String contentType) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    int errorCode() {
      return json().path("error_code").asInt();
    }

    int id() {
      return json().path("id").asInt();
    }
  }

  Reply get(String path) {
    return send(HttpRequest.GET(path));
  }

  Reply post(String path, String body) {
    return send(HttpRequest.POST(path, body).contentType(ConfluentJson.V1_JSON));
  }

  Reply put(String path, String body) {
    return send(HttpRequest.PUT(path, body).contentType(ConfluentJson.V1_JSON));
  }

  Reply delete(String path) {
    return send(HttpRequest.DELETE(path));
  }

  Reply send(MutableHttpRequest<?> request) {
    try {
      return reply(http.exchange(request, String.class));
    } catch (HttpClientResponseException e) {
      return reply(e.getResponse());
    }
  }

  /** Registers {@code schema} (Avro JSON text) under {@code subject}. */
  Reply register(String subject, String schema) {
    return post("/subjects/" + subject + "/versions", schemaBody(schema));
  }

  /** {@code {"schema": "<schema as a JSON string>"}}. */
  static String schemaBody(String schema) {
    try {
      return JSON.writeValueAsString(Map.of("schema", schema));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }

  private static Reply reply(HttpResponse<?> response) {
    String body = response.getBody(String.class).orElse("");
    return new Reply(response.getStatus().getCode(), body,
        response.getContentType().map(Object::toString).orElse(null));
  }
}
