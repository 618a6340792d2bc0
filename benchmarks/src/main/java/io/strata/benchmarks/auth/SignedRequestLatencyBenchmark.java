package io.strata.benchmarks.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.auth.secrets.AppSecret;
import io.strata.auth.signing.RequestSigner;
import io.strata.benchmarks.BenchmarkReport;
import io.strata.benchmarks.ScratchDirectory;
import io.strata.benchmarks.http.KeepAliveHttp;
import io.strata.benchmarks.http.Load;
import io.strata.platform.broker.BrokerSettings;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.Ports;
import io.strata.registry.RegistryServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latency that request signing adds to a real HTTP call at 32 concurrent clients: the same control-plane read,
 * {@code GET /v1/tenants/{t}/apps/{appKey}}, authenticated by the operator's bearer token (a constant-time
 * comparison) and by an app's signature (docs/signing.md: canonical request, HMAC-SHA256, nonce cache, app
 * lookup), taking turns in the same run against the same server. Every signed request has its own nonce;
 * signing happens before a request's latency clock starts.
 *
 * <p>Arguments: seconds per round (10), rounds (3), warm-up seconds (5).
 */
public final class SignedRequestLatencyBenchmark {

  private static final Logger log = LoggerFactory.getLogger(SignedRequestLatencyBenchmark.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 32;
  private static final String TENANT = "bench";

  private SignedRequestLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    var random = new SecureRandom();
    String adminToken = randomBase64(random);
    try (var directory = new ScratchDirectory("strata-bench-signing-");
        var kafka = EmbeddedKafka.start(new BrokerSettings(directory.path(), BrokerSettings.DEFAULT_HOST,
            Ports.free(), Ports.free(), Map.of()));
        var registry = RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()), Map.of(
            "strata.admin.token", adminToken,
            "strata.secrets.master-keys", "bench:" + randomBase64(random)))) {
      String table = measure(registry, adminToken, seconds, rounds, warmUp);
      log.info("Results:\n{}", table);
      BenchmarkReport.atRepositoryRoot().writeSection("Signed request latency at 32 clients", table);
    }
  }

  private static String measure(RegistryServer registry, String adminToken, int seconds, int rounds, int warmUp)
      throws Exception {
    call(registry, adminToken, "POST", "/v1/tenants", "{\"tenantId\":\"" + TENANT + "\",\"displayName\":\"Bench\"}");
    JsonNode app = call(registry, adminToken, "POST", "/v1/tenants/" + TENANT + "/apps", "{\"name\":\"bench\"}");
    String appKey = app.path("appKey").asText();
    String path = "/v1/tenants/" + TENANT + "/apps/" + appKey;
    var signer = RequestSigner.create(appKey, AppSecret.of(app.path("appSecret").asText()));
    URI uri = URI.create(registry.url() + path);

    byte[] operatorRequest = KeepAliveHttp.request("GET", path,
        Map.of("Accept", "application/json", "Authorization", "Bearer " + adminToken), null);
    Supplier<byte[]> signedRequests = () -> {
      var headers = new LinkedHashMap<>(signer.sign("GET", uri, new byte[0]).asMap());
      headers.put("Accept", "application/json");
      return KeepAliveHttp.request("GET", path, headers, null);
    };
    var scenarios = new LinkedHashMap<String, Supplier<byte[]>>();
    scenarios.put("operator bearer token", () -> operatorRequest);
    scenarios.put("app-signed request (HMAC-SHA256, nonce, lookup)", signedRequests);
    try (var probe = new KeepAliveHttp("localhost", registry.port())) {
      for (var scenario : scenarios.entrySet()) {
        int status = probe.send(scenario.getValue().get());
        if (status != 200) {
          throw new IllegalStateException("The " + scenario.getKey() + " read answered HTTP " + status);
        }
      }
    }

    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Map<String, Load.Result> results;
    try (var load = new Load("localhost", registry.port(), CLIENTS)) {
      results = load.rounds(scenarios, Duration.ofSeconds(warmUp), Duration.ofSeconds(seconds), rounds);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return table(results, seconds, rounds, loadBefore, loadAfter);
  }

  private static String table(Map<String, Load.Result> results, int seconds, int rounds, double loadBefore,
      double loadAfter) {
    var text = new StringBuilder("| `GET /v1/tenants/{t}/apps/{appKey}` authenticated by | req/s | p50 (ms) |"
        + " p99 (ms) | p99.9 (ms) | errors |\n|---|---:|---:|---:|---:|---:|\n");
    results.forEach((name, r) -> text.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.2f | %d |%n",
        name, r.perSecond(), r.millis(50), r.millis(99), r.millis(99.9), r.errors())));
    var iterator = results.values().iterator();
    Load.Result operator = iterator.next();
    Load.Result signed = iterator.next();
    text.append(String.format(Locale.ROOT, "%nAdded by signing: p50 %+.2f ms, p99 %+.2f ms.%n%n"
            + "%d keep-alive HTTP/1.1 connections, closed-loop, driven by one selector thread in the same JVM as the"
            + " registry service and an embedded broker; %d rounds of %d s per scenario, taking turns, after a"
            + " warm-up. Each signed request carries a fresh nonce and is signed before its latency clock starts."
            + " Run: `benchmarks/run auth-latency`.%n%n"
            + "System load average (1 min) %.1f before and %.1f after the run, on %d cores.%n",
        signed.millis(50) - operator.millis(50), signed.millis(99) - operator.millis(99), CLIENTS, rounds, seconds,
        loadBefore, loadAfter, Runtime.getRuntime().availableProcessors()));
    return text.toString();
  }

  private static JsonNode call(RegistryServer registry, String adminToken, String method, String path, String json)
      throws Exception {
    var request = HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Authorization", "Bearer " + adminToken)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered HTTP " + response.statusCode() + ": "
          + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static String randomBase64(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
