package io.strata.observability.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.observability.metrics.ComponentMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} (Prometheus text 0.0.4 from {@link ComponentMetrics#scrape()}) and {@code GET /health}
 * ({@code {"status":"UP|DOWN","component":...,"uptimeSeconds":...,<details>}}, 200 or 503) on a JDK
 * {@link HttpServer}. Other methods get 405 with a JSON error.
 */
public final class ObservabilityEndpoints {

  private static final Logger log = LoggerFactory.getLogger(ObservabilityEndpoints.class);

  private ObservabilityEndpoints() {
  }

  /** Adds {@code /metrics} and {@code /health} to a server the component already runs (started or not). */
  public static void attach(HttpServer server, ComponentMetrics metrics, Supplier<Health> health) {
    attachMetrics(server, metrics);
    server.createContext("/health", exchange -> {
      if (allowGet(exchange)) {
        Health current = health.get();
        send(exchange, current.up() ? 200 : 503, "application/json", healthJson(metrics.component(), current));
      }
    });
  }

  /** Adds only {@code /metrics}, to a server that answers {@code /health} itself. */
  public static void attachMetrics(HttpServer server, ComponentMetrics metrics) {
    server.createContext("/metrics", exchange -> {
      if (allowGet(exchange)) {
        send(exchange, 200, ComponentMetrics.CONTENT_TYPE, metrics.scrape());
      }
    });
  }

  /** Starts a server on {@code host:port} serving only {@code /metrics} and {@code /health}; stop it with {@code stop(0)}. */
  public static HttpServer serve(String host, int port, ComponentMetrics metrics, Supplier<Health> health)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    attach(server, metrics, health);
    server.start();
    log.info("Observability endpoints: component={} metrics=http://{}:{}/metrics health=http://{}:{}/health",
        metrics.component(), host, server.getAddress().getPort(), host, server.getAddress().getPort());
    return server;
  }

  static String healthJson(String component, Health health) {
    var json = new StringBuilder("{\"status\":\"").append(health.up() ? "UP" : "DOWN").append('"');
    json.append(",\"component\":").append(quote(component));
    json.append(",\"uptimeSeconds\":").append(ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
    new TreeMap<>(health.details()).forEach((key, value) ->
        json.append(',').append(quote(key)).append(':').append(quote(value)));
    return json.append('}').toString();
  }

  static String quote(String value) {
    var quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  private static boolean allowGet(HttpExchange exchange) throws IOException {
    if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET");
    send(exchange, 405, "application/json", "{\"code\":\"method_not_allowed\",\"message\":\""
        + exchange.getRequestMethod() + " is not supported on " + exchange.getRequestURI().getPath()
        + "; use GET\"}");
    return false;
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }
}
