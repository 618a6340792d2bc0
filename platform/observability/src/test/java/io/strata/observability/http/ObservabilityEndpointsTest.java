package io.strata.observability.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.strata.observability.metrics.ComponentMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObservabilityEndpointsTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicBoolean up = new AtomicBoolean(true);
  private ComponentMetrics metrics;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    metrics = ComponentMetrics.create("stream-processors");
    server = ObservabilityEndpoints.serve("localhost", 0, metrics,
        () -> new Health(up.get(), Map.of("applications", "[RUNNING, \"REBALANCING\"]")));
  }

  @AfterEach
  void stop() {
    server.stop(0);
    metrics.close();
  }

  @Test
  void shouldServeThePrometheusScrapeOnMetrics() throws Exception {
    var response = get("/metrics", "GET");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(ComponentMetrics.CONTENT_TYPE);
    assertThat(response.body()).contains("process_uptime_seconds{component=\"stream-processors\"}");
  }

  @Test
  void shouldAnswerHealthWithStatusUptimeAndEscapedDetails() throws Exception {
    var healthy = get("/health", "GET");
    up.set(false);
    var unhealthy = get("/health", "GET");

    assertThat(healthy.statusCode()).isEqualTo(200);
    assertThat(healthy.body()).startsWith("{\"status\":\"UP\",\"component\":\"stream-processors\",\"uptimeSeconds\":")
        .endsWith(",\"applications\":\"[RUNNING, \\\"REBALANCING\\\"]\"}");
    assertThat(unhealthy.statusCode()).isEqualTo(503);
    assertThat(unhealthy.body()).startsWith("{\"status\":\"DOWN\"");
  }

  @Test
  void shouldRefuseOtherMethodsWithAJsonError() throws Exception {
    var response = get("/metrics", "DELETE");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).contains("\"code\":\"method_not_allowed\"").contains("use GET");
  }

  private HttpResponse<String> get(String path, String method) throws Exception {
    var uri = URI.create("http://localhost:" + server.getAddress().getPort() + path);
    return client.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
