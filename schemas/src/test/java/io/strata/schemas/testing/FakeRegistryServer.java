package io.strata.schemas.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.registry.SchemaRegistryException;
import io.strata.schemas.registry.SubjectVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * The four Confluent registry endpoints the client uses, served by the JDK's HTTP server over an
 * {@link InMemorySchemaRegistryClient}, counting every request. Requests can be held (to line up concurrent
 * callers) or failed with a 500.
 */
public final class FakeRegistryServer implements AutoCloseable {

  /** One request as the server saw it. */
  public record Request(String method, String path, String contentType, String body) {}

  private final ObjectMapper json = new ObjectMapper();
  private final InMemorySchemaRegistryClient store = new InMemorySchemaRegistryClient();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresToInject = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpServer server;
  private volatile CountDownLatch gate;

  private FakeRegistryServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static FakeRegistryServer start() {
    try {
      return new FakeRegistryServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The registry's content, to register schemas directly (no request counted). */
  public InMemorySchemaRegistryClient store() {
    return store;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public long requests(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
  }

  /** Requests arriving from now on wait until {@link #releaseRequests()}. */
  public void holdRequests() {
    gate = new CountDownLatch(1);
  }

  public void releaseRequests() {
    CountDownLatch current = gate;
    gate = null;
    if (current != null) {
      current.countDown();
    }
  }

  /** The next {@code count} requests are answered 500 with error_code 50001. */
  public void failNext(int count) {
    failuresToInject.set(count);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    requests.add(new Request(exchange.getRequestMethod(), path,
        exchange.getRequestHeaders().getFirst("Content-Type"), body));
    awaitGate();
    try {
      if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        respond(exchange, 500, error(50001, "Error in the backend data store"));
        return;
      }
      respond(exchange, 200, route(exchange.getRequestMethod(), path, body));
    } catch (SchemaRegistryException e) {
      respond(exchange, e.status(), error(e.errorCode(), e.getMessage()));
    } catch (RuntimeException e) {
      respond(exchange, 500, error(50000, e.toString()));
    }
  }

  private JsonNode route(String method, String path, String body) throws IOException {
    String[] parts = Arrays.stream(path.substring(1).split("/"))
        .map(part -> URLDecoder.decode(part, StandardCharsets.UTF_8))
        .toArray(String[]::new);
    if (method.equals("GET") && parts.length == 3 && parts[0].equals("schemas") && parts[1].equals("ids")) {
      return json.createObjectNode().put("schema", store.schemaById(Integer.parseInt(parts[2])).toString());
    }
    if (method.equals("GET") && parts.length == 4 && parts[0].equals("subjects") && parts[3].equals("latest")) {
      return version(store.latest(parts[1]));
    }
    if (method.equals("POST") && parts[0].equals("subjects")) {
      Schema schema = new Schema.Parser().parse(json.readTree(body).path("schema").asText());
      if (parts.length == 3 && parts[2].equals("versions")) {
        return json.createObjectNode().put("id", store.register(parts[1], schema));
      }
      if (parts.length == 2) {
        int id = store.lookup(parts[1], schema);
        return version(store.versions(parts[1]).stream().filter(v -> v.id() == id).findFirst().orElseThrow());
      }
    }
    return error(404, "No such endpoint: " + method + " " + path);
  }

  private ObjectNode version(SubjectVersion version) {
    return json.createObjectNode().put("subject", version.subject()).put("version", version.version())
        .put("id", version.id()).put("schema", version.schema().toString());
  }

  private ObjectNode error(int code, String message) {
    return json.createObjectNode().put("error_code", code).put("message", message);
  }

  private void respond(HttpExchange exchange, int status, JsonNode answer) throws IOException {
    byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
    int code = answer.has("error_code") && status == 200 ? 404 : status;
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private void awaitGate() {
    CountDownLatch current = gate;
    if (current == null) {
      return;
    }
    try {
      if (!current.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Held request was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    releaseRequests();
    server.stop(0);
    executor.shutdownNow();
  }
}
