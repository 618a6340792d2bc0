package io.strata.trainer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.auth.signing.RequestParts;
import io.strata.auth.signing.SignedBody;
import io.strata.observability.metrics.HttpRequestMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP adapter: the JDK's {@code HttpServer} with Jackson, routing to {@link TrainingJobsApi} and
 * {@link TrainersApi}. A dozen routes do not need a framework, and the signature check needs the raw path, query
 * and body exactly as received (code and weights uploads are checked while they stream).
 */
final class HttpApi implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  private static final int MAX_BODY = 1_048_576;
  private static final String JOBS = "/v1/training-jobs";
  private static final String TRAINERS = "/v1/trainers";

  private final HttpServer server;
  private final ExecutorService executor;
  private final RequestAuth auth;
  private final TrainingJobsApi api;
  private final TrainersApi trainers;
  private final Supplier<LaunchEngine.Stats> health;
  private final HttpRequestMetrics requests;
  private final ObjectMapper json = new ObjectMapper();

  HttpApi(int port, RequestAuth auth, TrainingJobsApi api, TrainersApi trainers, Supplier<LaunchEngine.Stats> health,
      HttpRequestMetrics requests) throws IOException {
    this.requests = requests;
    this.auth = auth;
    this.api = api;
    this.trainers = trainers;
    this.health = health;
    this.server = HttpServer.create(new InetSocketAddress(port), 64);
    this.executor = Executors.newFixedThreadPool(4, r -> {
      var t = new Thread(r, "trainer-launcher-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The server, for further contexts such as {@code /metrics}. */
  HttpServer server() {
    return server;
  }

  /** The port it listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      try {
        if (path.equals("/health")) {
          LaunchEngine.Stats stats = health.get();
          var body = new HashMap<String, Object>();
          body.put("status", stats.status());
          body.put("nodes", stats.nodes());
          body.put("gpus", stats.gpus());
          body.put("queued", stats.queued());
          body.put("running", stats.running());
          body.put("error", stats.error());
          send(exchange, stats.status().equals("UP") ? 200 : 503, body);
          return;
        }
        boolean jobs = path.equals(JOBS) || path.startsWith(JOBS + "/");
        boolean trainerRoute = path.equals(TRAINERS) || path.startsWith(TRAINERS + "/");
        if (!jobs && !trainerRoute) {
          throw new ApiException(404, "NOT_FOUND", "No route " + method + " " + path + "; the API is under " + JOBS
              + " and " + TRAINERS);
        }
        var parts = new RequestParts(method, exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(), name -> Optional.ofNullable(exchange.getRequestHeaders()
                .get(name)).orElse(List.of()));
        String requestId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Request-Id"))
            .filter(s -> !s.isBlank()).orElse(UUID.randomUUID().toString());
        if (trainerRoute && method.equals("PUT") && (path.endsWith("/code") || path.endsWith("/weights"))) {
          upload(exchange, path.substring(TRAINERS.length()), auth.authenticateHeaders(parts), requestId);
          return;
        }
        byte[] body = readBody(exchange.getRequestBody());
        Caller caller = auth.authenticate(parts, body);
        if (trainerRoute) {
          routeTrainers(exchange, method, path.substring(TRAINERS.length()), caller, body, requestId);
        } else {
          route(exchange, method, path.substring(JOBS.length()), caller, body, requestId);
        }
      } catch (ApiException e) {
        send(exchange, e.status(), Map.of("code", e.code(), "message", e.getMessage()));
      } catch (RuntimeException e) {
        log.error("Request failed method={} path={}", method, path, e);
        send(exchange, 500, Map.of("code", "INTERNAL", "message", "The trainer launcher failed on this request: "
            + e + "; see its log"));
      }
    } finally {
      int status = exchange.getResponseCode();
      requests.record(exchange.getRequestMethod(), routeTemplate(exchange.getRequestURI().getPath()),
          status < 0 ? 500 : status, System.nanoTime() - started);
      exchange.close();
    }
  }

  /** The route of {@code path} with its ids replaced, e.g. {@code /v1/training-jobs/{id}/logs}, for the metrics. */
  static String routeTemplate(String path) {
    for (String base : List.of(JOBS, TRAINERS)) {
      if (path.equals(base) || path.startsWith(base + "/")) {
        String[] rest = path.substring(base.length()).split("/");
        var template = new StringBuilder(base);
        for (int i = 1; i < rest.length; i++) {
          template.append(i == 1 ? "/{id}" : "/" + (rest[i].matches("[a-z]+") ? rest[i] : "{id}"));
        }
        return template.toString();
      }
    }
    return path.equals("/health") || path.equals("/metrics") ? path : "other";
  }

  private void route(HttpExchange exchange, String method, String rest, Caller caller, byte[] body, String requestId)
      throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String[] segments = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/");
    if (segments.length == 0) {
      if (method.equals("POST")) {
        var job = api.submit(caller, parse(body), requestId);
        exchange.getResponseHeaders().set("Location", JOBS + "/" + job.get("jobId"));
        send(exchange, 201, job);
      } else if (method.equals("GET")) {
        send(exchange, 200, Map.of("jobs", api.list(caller, Optional.ofNullable(query.get("tenantId")),
            Optional.ofNullable(query.get("datasetId")), Optional.ofNullable(query.get("state")))));
      } else {
        throw notAllowed(method, "GET, POST");
      }
    } else if (segments.length == 1) {
      requireMethod(method, "GET");
      send(exchange, 200, api.get(caller, segments[0]));
    } else if (segments.length == 2 && segments[1].equals("cancel")) {
      requireMethod(method, "POST");
      send(exchange, 202, api.cancel(caller, segments[0], body.length == 0 ? null : parse(body), requestId));
    } else if (segments.length == 2 && segments[1].equals("logs")) {
      requireMethod(method, "GET");
      int lines;
      try {
        lines = Integer.parseInt(query.getOrDefault("lines", "200"));
      } catch (NumberFormatException e) {
        throw new ApiException(422, "INVALID_FIELD", "lines must be a whole number, got '" + query.get("lines") + "'");
      }
      byte[] text = api.logs(caller, segments[0], lines).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, text.length == 0 ? -1 : text.length);
      if (text.length > 0) {
        exchange.getResponseBody().write(text);
      }
    } else {
      throw new ApiException(404, "NOT_FOUND", "No route " + method + " " + JOBS + rest);
    }
  }

  private void routeTrainers(HttpExchange exchange, String method, String rest, Caller caller, byte[] body,
      String requestId) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    Optional<String> tenant = Optional.ofNullable(query.get("tenantId"));
    String[] segments = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/");
    if (segments.length == 0) {
      if (method.equals("POST")) {
        var trainer = trainers.register(caller, parse(body), requestId);
        exchange.getResponseHeaders().set("Location", TRAINERS + "/" + trainer.get("name"));
        send(exchange, 201, trainer);
      } else if (method.equals("GET")) {
        send(exchange, 200, Map.of("trainers", trainers.list(caller, tenant)));
      } else {
        throw notAllowed(method, "GET, POST");
      }
    } else if (segments.length == 1) {
      switch (method) {
        case "GET" -> send(exchange, 200, trainers.get(caller, segments[0], tenant));
        case "PUT" -> send(exchange, 200, trainers.update(caller, segments[0], tenant, parse(body), requestId));
        case "DELETE" -> send(exchange, 200, trainers.delete(caller, segments[0], tenant, requestId));
        default -> throw notAllowed(method, "GET, PUT, DELETE");
      }
    } else {
      throw new ApiException(404, "NOT_FOUND", "No route " + method + " " + TRAINERS + rest);
    }
  }

  /** {@code PUT /v1/trainers/{name}/code|weights}: the body is streamed to the blob store, never held whole. */
  private void upload(HttpExchange exchange, String rest, RequestAuth.Streaming streaming, String requestId)
      throws IOException {
    String[] segments = rest.substring(1).split("/");
    if (segments.length != 2) {
      throw new ApiException(404, "NOT_FOUND", "No route PUT " + TRAINERS + rest);
    }
    Optional<String> tenant = Optional.ofNullable(query(exchange.getRequestURI().getRawQuery()).get("tenantId"));
    InputStream body = exchange.getRequestBody();
    if (streaming.bodyCheck() != null) {
      body = new SignedBody(body, streaming.bodyCheck());
    }
    var result = segments[1].equals("code")
        ? trainers.uploadCode(streaming.caller(), segments[0], tenant, body, streaming::verifyBody, requestId)
        : trainers.uploadWeights(streaming.caller(), segments[0], tenant, body, streaming::verifyBody, requestId);
    send(exchange, 200, result);
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw notAllowed(method, allowed);
    }
  }

  private static ApiException notAllowed(String method, String allowed) {
    return new ApiException(405, "METHOD_NOT_ALLOWED", "Method " + method + " is not allowed here; use " + allowed);
  }

  private JsonNode parse(byte[] body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
      throw new ApiException(400, "INVALID_JSON", "The body is not valid JSON: " + detail);
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new ApiException(413, "BODY_TOO_LARGE", "The body is larger than " + MAX_BODY + " bytes");
    }
    return body;
  }

  private static Map<String, String> query(String raw) {
    var params = new HashMap<String, String>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.put(name, value);
      }
    }
    return params;
  }

  private void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
