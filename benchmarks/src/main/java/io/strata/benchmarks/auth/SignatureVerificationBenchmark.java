package io.strata.benchmarks.auth;

import io.strata.auth.signing.RequestParts;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.VerificationResult.Verified;
import io.strata.auth.signing.VerifierSettings;
import io.strata.benchmarks.BenchmarkReport;
import io.strata.benchmarks.auth.SignedTraffic.SignedRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request signature verification at a gateway, in one run: (a) single-thread verifications per second of
 * {@link SignatureVerifier} on realistic signed requests (directory lookup among many apps, nonce cache)
 * next to a bare HMAC-SHA256 of the same canonical bytes — the target is an overhead under 2x;
 * (b) 32 concurrent clients verifying for a fixed time: throughput and p50/p99 verification latency.
 *
 * <p>Requests are signed in small chunks just before they are verified, as a gateway verifies a request it
 * has just parsed: its headers are in the CPU cache, not in a pool of millions signed ahead. Times are the
 * measuring thread's CPU time, so other load on a shared machine does not count; latencies are wall time.
 *
 * <p>Run: {@code mvn -B -q -pl platform/auth install && mvn -B -q -pl benchmarks compile exec:java
 * -Dexec.mainClass=io.strata.benchmarks.auth.SignatureVerificationBenchmark}
 */
public final class SignatureVerificationBenchmark {

  private static final Logger log = LoggerFactory.getLogger(SignatureVerificationBenchmark.class);

  static final int APPS = 1_000;
  static final int ROUND = 200_000;
  static final int CHUNK = 500;
  static final int WARMUP_ROUNDS = 5;
  static final int MEASURED_ROUNDS = 10;
  static final int CLIENTS = 32;
  static final int CLIENT_CHUNK = 50;
  static final Duration CONCURRENT_WARMUP = Duration.ofSeconds(5);
  static final Duration CONCURRENT_MEASURED = Duration.ofSeconds(10);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static long sink;

  private SignatureVerificationBenchmark() {}

  public static void main(String[] args) throws Exception {
    var traffic = new SignedTraffic(APPS, Clock.systemUTC());
    SingleThread single = measureSingleThread(traffic);
    Concurrent concurrent = measureConcurrent(traffic);
    String markdown = report(single, concurrent);
    BenchmarkReport.atRepositoryRoot().writeSection("Request signature verification", markdown);
    log.info("Results:\n{}", markdown);
  }

  record SingleThread(double verifierRate, double nettyRate, double hmacRate, double minRatio, double maxRatio,
      int canonicalMin, int canonicalMax) {

    double ratio() {
      return hmacRate / verifierRate;
    }

    double nettyRatio() {
      return hmacRate / nettyRate;
    }
  }

  record Concurrent(long count, double wallRate, double cpuNanosPerVerification, long p50, long p99, long p999,
      long max) {}

  private static SingleThread measureSingleThread(SignedTraffic traffic) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    List<Double> verifierRates = new ArrayList<>();
    List<Double> nettyRates = new ArrayList<>();
    List<Double> hmacRates = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    int canonicalMin = Integer.MAX_VALUE;
    int canonicalMax = 0;
    // Gateways with default settings for the whole run, as in production: their nonce caches reach their
    // steady state (full, dropping the oldest seconds) during the warm-up rounds. One per way of reading
    // headers, since each sees every request once.
    var verifier = new SignatureVerifier(traffic.directory(), Clock.systemUTC(), VerifierSettings.defaults());
    var nettyVerifier = new SignatureVerifier(traffic.directory(), Clock.systemUTC(), VerifierSettings.defaults());
    for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
      long verifyNanos = 0;
      long nettyNanos = 0;
      long hmacNanos = 0;
      for (int done = 0; done < ROUND; done += CHUNK) {
        SignedRequest[] chunk = traffic.sign(CHUNK);
        byte[][] canonical = new byte[CHUNK][];
        for (int i = 0; i < CHUNK; i++) {
          canonical[i] = chunk[i].canonicalBytes();
          canonicalMin = Math.min(canonicalMin, canonical[i].length);
          canonicalMax = Math.max(canonicalMax, canonical[i].length);
        }
        // Rotate which goes first, so that none always finds the chunk warmer in the cache.
        for (int turn = 0; turn < 3; turn++) {
          switch ((done / CHUNK + turn) % 3) {
            case 0 -> verifyNanos += timeVerifier(verifier, chunk, false);
            case 1 -> nettyNanos += timeVerifier(nettyVerifier, chunk, true);
            default -> hmacNanos += timeHmac(mac, chunk, canonical);
          }
        }
      }
      if (round >= WARMUP_ROUNDS) {
        verifierRates.add(ROUND * 1e9 / verifyNanos);
        nettyRates.add(ROUND * 1e9 / nettyNanos);
        hmacRates.add(ROUND * 1e9 / hmacNanos);
        ratios.add((double) verifyNanos / hmacNanos);
      }
    }
    return new SingleThread(median(verifierRates), median(nettyRates), median(hmacRates), min(ratios), max(ratios),
        canonicalMin, canonicalMax);
  }

  private static long timeVerifier(SignatureVerifier verifier, SignedRequest[] chunk, boolean nettyHeaders) {
    long start = THREADS.getCurrentThreadCpuTime();
    int rejected = 0;
    for (SignedRequest request : chunk) {
      RequestParts parts = nettyHeaders ? request.parts() : request.extractedParts();
      if (!(verifier.verify(parts) instanceof Verified)) {
        rejected++;
      }
    }
    long elapsed = THREADS.getCurrentThreadCpuTime() - start;
    requireNoRejections(rejected);
    return elapsed;
  }

  private static long timeHmac(Mac mac, SignedRequest[] chunk, byte[][] canonical) throws GeneralSecurityException {
    long start = THREADS.getCurrentThreadCpuTime();
    long checksum = 0;
    for (int i = 0; i < chunk.length; i++) {
      mac.init(chunk[i].app.secret().hmacKey());
      checksum += mac.doFinal(canonical[i])[0];
    }
    long elapsed = THREADS.getCurrentThreadCpuTime() - start;
    sink += checksum;
    return elapsed;
  }

  private static Concurrent measureConcurrent(SignedTraffic traffic) throws Exception {
    var verifier = new SignatureVerifier(traffic.directory(), Clock.systemUTC(), VerifierSettings.defaults());
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      var ready = new CountDownLatch(CLIENTS);
      var go = new CountDownLatch(1);
      long measureFrom = System.nanoTime() + CONCURRENT_WARMUP.toNanos();
      long end = measureFrom + CONCURRENT_MEASURED.toNanos();
      List<Future<ClientRun>> runs = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        runs.add(clients.submit(() -> {
          ready.countDown();
          go.await();
          return ClientRun.run(traffic, verifier, measureFrom, end);
        }));
      }
      ready.await();
      go.countDown();
      long count = 0;
      long cpuNanos = 0;
      List<long[]> latencies = new ArrayList<>();
      for (Future<ClientRun> future : runs) {
        ClientRun run = future.get();
        requireNoRejections(run.rejected());
        count += run.measured();
        cpuNanos += run.cpuNanos();
        latencies.add(Arrays.copyOf(run.latencies(), run.measured()));
      }
      long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Concurrent(count, count / (CONCURRENT_MEASURED.toNanos() / 1e9), (double) cpuNanos / count,
          percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999), all[all.length - 1]);
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * One client until {@code end}: signs a few requests, then has the gateway verify them one by one. From
   * {@code measureFrom} on it keeps each verification's wall latency and the CPU time spent verifying.
   */
  record ClientRun(long[] latencies, int measured, long cpuNanos, int rejected) {

    static ClientRun run(SignedTraffic traffic, SignatureVerifier verifier, long measureFrom, long end) {
      long[] latencies = new long[1 << 16];
      int measured = 0;
      long cpuNanos = 0;
      int rejected = 0;
      while (System.nanoTime() < end) {
        SignedRequest[] chunk = traffic.sign(CLIENT_CHUNK);
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        boolean measuring = System.nanoTime() >= measureFrom;
        for (SignedRequest request : chunk) {
          long before = System.nanoTime();
          boolean verified = verifier.verify(request.parts()) instanceof Verified;
          long after = System.nanoTime();
          rejected += verified ? 0 : 1;
          if (measuring && after <= end) {
            if (measured == latencies.length) {
              latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[measured++] = after - before;
          }
        }
        if (measuring) {
          cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuBefore;
        }
      }
      return new ClientRun(latencies, measured, cpuNanos, rejected);
    }
  }

  private static String report(SingleThread single, Concurrent concurrent) {
    int cores = Runtime.getRuntime().availableProcessors();
    var md = new StringBuilder();
    md.append("One verification = parsing the five signature headers, the skew check, a lookup among ")
        .append(String.format(Locale.ROOT, "%,d", APPS)).append(" apps, canonicalising method, path and query, ")
        .append("HMAC-SHA256, a constant-time comparison and the nonce cache's check-and-record. The baseline is ")
        .append("only `Mac.init(app secret)` + `doFinal`, HMAC-SHA256 over the same canonical bytes (")
        .append(single.canonicalMin()).append("–").append(single.canonicalMax()).append(" bytes). Requests (")
        .append(SignedTraffic.SHAPES.size()).append(" shapes of predict, list and upload calls; body hashes ")
        .append("precomputed, as the gateway authenticates before reading a body) are signed in chunks of ")
        .append(CHUNK).append(" just before they are verified; signing is not timed. Times are the measuring ")
        .append("thread's CPU time, so other load on the machine does not count.\n\n");
    md.append("**(a) One thread** — median of ").append(MEASURED_ROUNDS).append(" rounds of ")
        .append(String.format(Locale.ROOT, "%,d", ROUND)).append(" requests after ").append(WARMUP_ROUNDS)
        .append(" warm-up rounds, on verifiers with default settings. The verifier is timed twice: given the five ")
        .append("signature headers' values picked out ahead (its own work: parsing, canonicalisation, app and nonce ")
        .append("lookups), and reading them from Netty's `DefaultHttpHeaders` (9 headers) as the gateways do — ")
        .append("what a gateway pays in all, the HTTP layer's header access included:\n\n");
    md.append("| | verifications per CPU-second | µs each | / bare HMAC |\n|---|---:|---:|---:|\n");
    md.append("| bare HMAC-SHA256 of the canonical bytes | ").append(rate(single.hmacRate())).append(" | ")
        .append(micros(single.hmacRate())).append(" | 1.00x |\n");
    md.append(String.format(Locale.ROOT, "| `SignatureVerifier.verify`, header values at hand | %s | %s | **%.2fx** "
        + "(rounds %.2fx–%.2fx; issue target: under 2x) |%n", rate(single.verifierRate()),
        micros(single.verifierRate()), single.ratio(), single.minRatio(), single.maxRatio()));
    md.append(String.format(Locale.ROOT, "| `SignatureVerifier.verify`, headers read from Netty | %s | %s | %.2fx |%n%n",
        rate(single.nettyRate()), micros(single.nettyRate()), single.nettyRatio()));
    md.append("**(b) ").append(CLIENTS).append(" concurrent clients, ").append(cores).append(" cores** — one ")
        .append("shared verifier; each client thread signs ").append(CLIENT_CHUNK).append(" requests, then has ")
        .append("them verified one by one; ").append(CONCURRENT_WARMUP.toSeconds()).append(" s warm-up, then ")
        .append(CONCURRENT_MEASURED.toSeconds()).append(" s measured, headers read from Netty. Latency is the ")
        .append("wall time inside `verify`, ")
        .append("including time a thread waits for a core; throughput is what the cores verified while also ")
        .append("running the 32 clients' signing, and capacity is cores / CPU time per verification:\n\n");
    md.append("| clients | verified/s (with clients) | CPU per verification | capacity per core | p50 | p99 | p99.9 | max |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    md.append("| ").append(CLIENTS).append(" | ").append(rate(concurrent.wallRate())).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f µs", concurrent.cpuNanosPerVerification() / 1000)).append(" | ")
        .append(rate(1e9 / concurrent.cpuNanosPerVerification())).append("/s | ")
        .append(micros(concurrent.p50())).append(" | ").append(micros(concurrent.p99())).append(" | ")
        .append(micros(concurrent.p999())).append(" | ").append(micros(concurrent.max())).append(" |\n");
    return md.toString();
  }

  private static void requireNoRejections(int rejected) {
    if (rejected > 0) {
      throw new IllegalStateException(rejected + " benchmark requests were rejected; the fixture is broken");
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  private static long percentile(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static String micros(double perSecond) {
    return String.format(Locale.ROOT, "%.2f", 1e6 / perSecond);
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.1f µs", nanos / 1000.0);
  }
}
