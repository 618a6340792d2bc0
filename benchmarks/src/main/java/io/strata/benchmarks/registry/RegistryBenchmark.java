package io.strata.benchmarks.registry;

import io.strata.benchmarks.BenchmarkReport;
import io.strata.benchmarks.ScratchDirectory;
import io.strata.benchmarks.http.KeepAliveHttp;
import io.strata.benchmarks.http.Load;
import io.strata.platform.broker.BrokerSettings;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.Ports;
import io.strata.registry.RegistryServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a broker and the registry in this JVM, next to a constant Micronaut endpoint in the same server, and
 * drives 32 keep-alive clients at (a) {@code GET /schemas/ids/{id}}, what every deserializer asks; (b) the
 * re-registration of a schema that is already registered, what every serializer does at start; (c) the
 * baseline {@code GET /bench/ping}. The scenarios take turns for several rounds so that background load
 * on the machine hits them alike. Prints and writes req/s, p50, p99 and p99.9 of each.
 *
 * <p>Arguments (optional): seconds per round (default 10), rounds (default 3), warm-up seconds per scenario
 * (default 5).
 */
public final class RegistryBenchmark {

  private static final Logger log = LoggerFactory.getLogger(RegistryBenchmark.class);
  private static final int CLIENTS = 32;
  private static final double TARGET_PER_SECOND = 5_000;
  private static final double TARGET_P99_MILLIS = 5;
  private static final String SUBJECT = "bench-value";
  private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Sample\",\"namespace\":\"io.strata.bench\","
      + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"width\",\"type\":\"int\",\"default\":0}]}";

  private RegistryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    try (var directory = new ScratchDirectory("strata-bench-registry-");
        var kafka = EmbeddedKafka.start(new BrokerSettings(directory.path(), BrokerSettings.DEFAULT_HOST,
            Ports.free(), Ports.free(), Map.of()));
        var registry = RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()))) {
      String table = measure(registry, seconds, rounds, warmUp);
      log.info("Results:\n{}", table);
      BenchmarkReport.atRepositoryRoot().writeSection("Schema registry under 32 concurrent clients", table);
    }
  }

  private static String measure(RegistryServer registry, int seconds, int rounds, int warmUp) throws Exception {
    String body = "{\"schema\":" + jsonString(SCHEMA) + "}";
    var scenarios = new LinkedHashMap<String, byte[]>();
    try (var probe = new KeepAliveHttp("localhost", registry.port())) {
      byte[] register = KeepAliveHttp.post("/subjects/" + SUBJECT + "/versions", body);
      requireOk(probe, register, "register the benchmark schema");
      scenarios.put("`GET /schemas/ids/{id}`", KeepAliveHttp.get("/schemas/ids/" + registeredId(registry, body)));
      scenarios.put("`POST /subjects/{subject}/versions`, schema already registered", register);
      scenarios.put("baseline: constant JSON from the same Micronaut server", KeepAliveHttp.get("/bench/ping"));
      for (byte[] request : scenarios.values()) {
        requireOk(probe, request, "answer " + new String(request, 0, 40, java.nio.charset.StandardCharsets.US_ASCII));
      }
    }

    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    var requests = new LinkedHashMap<String, Supplier<byte[]>>();
    scenarios.forEach((name, request) -> requests.put(name, () -> request));
    Map<String, Load.Result> results;
    try (var load = new Load("localhost", registry.port(), CLIENTS)) {
      results = load.rounds(requests, Duration.ofSeconds(warmUp), Duration.ofSeconds(seconds), rounds);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return table(results, seconds, rounds, loadBefore, loadAfter);
  }

  private static String table(Map<String, Load.Result> results, int seconds, int rounds, double loadBefore,
      double loadAfter) {
    var text = new StringBuilder("| Endpoint | req/s | p50 (ms) | p99 (ms) | p99.9 (ms) | errors |\n"
        + "|---|---:|---:|---:|---:|---:|\n");
    results.forEach((name, r) -> text.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.2f | %d |%n",
        name, r.perSecond(), r.millis(50), r.millis(99), r.millis(99.9), r.errors())));
    Load.Result lookup = results.values().iterator().next();
    boolean met = lookup.perSecond() >= TARGET_PER_SECOND && lookup.millis(99) <= TARGET_P99_MILLIS;
    text.append(String.format(Locale.ROOT, "%n%d keep-alive HTTP/1.1 connections, each closed-loop (the next request"
            + " goes out when the previous answer is read), driven by one selector thread in the same JVM as the"
            + " server and an embedded broker; %d rounds of %d s per endpoint, taking turns, after a warm-up. Latency"
            + " is from writing a request to reading the whole response. Other processes on the machine show in the"
            + " load average below; the rounds take turns so that they hit every endpoint alike.%n%n"
            + "Target for `GET /schemas/ids/{id}`: at least %,.0f req/s with p99 at most %.0f ms: **%s**.%n%n"
            + "System load average (1 min) %.1f before and %.1f after the run, on %d cores.%n",
        CLIENTS, rounds, seconds, TARGET_PER_SECOND, TARGET_P99_MILLIS, met ? "met" : "missed", loadBefore, loadAfter,
        Runtime.getRuntime().availableProcessors()));
    return text.toString();
  }

  private static int registeredId(RegistryServer registry, String body) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry.url() + "/subjects/" + SUBJECT
            + "/versions"))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
        .build();
    String answer = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    return Integer.parseInt(answer.replaceAll("[^0-9]", ""));
  }

  private static void requireOk(KeepAliveHttp http, byte[] request, String what) throws IOException {
    int status = http.send(request);
    if (status != 200) {
      throw new IllegalStateException("Cannot " + what + ": HTTP " + status);
    }
  }

  private static String jsonString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
