package io.strata.benchmarks.ingest;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.auth.secrets.SecretCipher;
import io.strata.auth.signing.ContentHash;
import io.strata.auth.signing.RequestSigner;
import io.strata.benchmarks.BenchmarkReport;
import io.strata.benchmarks.ScratchDirectory;
import io.strata.benchmarks.http.KeepAliveHttp;
import io.strata.events.AppEvent;
import io.strata.events.AppEventKind;
import io.strata.events.AppLimits;
import io.strata.platform.broker.BrokerSettings;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.Ports;
import io.strata.registry.RegistryServer;
import io.strata.schemas.topics.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload throughput of the gateway at 16 concurrent clients: 0.5 MB JPEGs and 64 KB PNGs, every upload new
 * content, signed (docs/signing.md), streamed to the local blob store (fsync + rename) and recorded as an
 * acknowledged {@code samples} event; next to the baseline, 16 threads writing the same bytes to files on the
 * same disk with fsync, in the same run. The gateway runs in its own JVM (-Xmx512m), as {@code strata up} runs it;
 * the load generator shares the machine's cores with it and with the broker.
 *
 * <p>Arguments: seconds per measurement (10), warm-up seconds (20; the gateway JVM is fresh and its JIT compiler
 * competes for the same cores until it has compiled the upload path). Needs {@code ingest-connectors} built
 * ({@code target/classes} and {@code target/classpath.txt}); {@code benchmarks/run ingest} builds it.
 */
public final class IngestBenchmark {

  private static final Logger log = LoggerFactory.getLogger(IngestBenchmark.class);
  private static final int CLIENTS = 16;

  private IngestBenchmark() {}

  /** One measurement: requests (or files), bytes, seconds, latency in microseconds, failures. */
  record Result(long count, long bytes, double seconds, Histogram micros, long failures, double cpuMillis) {
    double perSecond() {
      return count / seconds;
    }

    double megabytesPerSecond() {
      return bytes / seconds / (1024 * 1024);
    }

    double millis(double percentile) {
      return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** CPU time the gateway process spent per upload (user + system, all its threads). */
    double cpuMillisPerUpload() {
      return count == 0 ? Double.NaN : cpuMillis / count;
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    var random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    String keys = "bench:" + Base64.getEncoder().encodeToString(key);
    try (var directory = new ScratchDirectory("strata-bench-ingest-");
        var kafka = EmbeddedKafka.start(new BrokerSettings(directory.path().resolve("kafka"), BrokerSettings.DEFAULT_HOST,
            Ports.free(), Ports.free(), Map.of()));
        var registry = RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()))) {
      Path keyFile = directory.path().resolve("master-keys");
      Files.writeString(keyFile, keys + "\n");
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      var credentials = new CredentialGenerator(random);
      String appKey = credentials.newAppKey();
      AppSecret secret = credentials.newSecret();
      registerApp(kafka, registry.url(), keys, appKey, secret);
      Process gateway = startGateway(directory.path(), kafka.bootstrapServers(), registry.url(), keyFile);
      try {
        int port = awaitPort(gateway);
        var signer = RequestSigner.create(appKey, secret);
        var rows = new ArrayList<String>();
        var verdicts = new ArrayList<String>();
        for (var scenario : List.of(
            Map.entry("0.5 MB JPEG", UniqueImages.jpeg(512 * 1024)),
            Map.entry("64 KB PNG", UniqueImages.png(64 * 1024)))) {
          UniqueImages images = scenario.getValue();
          uploads(gateway, port, signer, images, Duration.ofSeconds(warmUp));
          Result gatewayResult = uploads(gateway, port, signer, images, Duration.ofSeconds(seconds));
          Path raw = Files.createDirectories(directory.path().resolve("raw-" + rows.size()));
          rawWrites(raw, images, Duration.ofSeconds(warmUp));
          Result rawResult = rawWrites(raw, images, Duration.ofSeconds(seconds));
          log.info("{}: gateway {} uploads/s {} MB/s p50 {} ms p99 {} ms failures {} cpu {} ms/upload; raw {} writes/s {} MB/s",
              scenario.getKey(), Math.round(gatewayResult.perSecond()), f(gatewayResult.megabytesPerSecond()),
              f(gatewayResult.millis(50)), f(gatewayResult.millis(99)), gatewayResult.failures(),
              f(gatewayResult.cpuMillisPerUpload()),
              Math.round(rawResult.perSecond()), f(rawResult.megabytesPerSecond()));
          rows.add(row(scenario.getKey(), images.size(), gatewayResult, rawResult));
          verdicts.add(rows.size() == 1
              ? verdict("0.5 MB JPEG at >= 50 % of raw fsync MB/s", gatewayResult.megabytesPerSecond()
                  / rawResult.megabytesPerSecond() >= 0.5, Math.round(100 * gatewayResult.megabytesPerSecond()
                  / rawResult.megabytesPerSecond()) + " %")
              : verdict("64 KB PNG at >= 300 uploads/s", gatewayResult.perSecond() >= 300,
                  Math.round(gatewayResult.perSecond()) + " uploads/s"));
        }
        String table = table(rows, verdicts, seconds, warmUp);
        log.info("Results:\n{}", table);
        BenchmarkReport.atRepositoryRoot().writeSection("Image upload gateway at 16 clients", table);
      } finally {
        gateway.destroy();
        gateway.waitFor(20, TimeUnit.SECONDS);
        gateway.destroyForcibly();
      }
    }
  }

  private static void registerApp(EmbeddedKafka kafka, String registryUrl, String keys, String appKey, AppSecret secret)
      throws Exception {
    var cipher = new SecretCipher(MasterKeyring.parse(keys), new SecureRandom());
    var event = AppEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId("bench")
        .setOccurredAt(Instant.now()).setProducer("ingest-benchmark").setAppKey(appKey).setKind(AppEventKind.REGISTERED)
        .setName("bench").setSecret(cipher.encrypt(appKey, secret)).setLimits(AppLimits.newBuilder().build()).build();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), Topics.APPS.valueSerde(Map.of("schema.registry.url", registryUrl)).serializer())) {
      producer.send(new ProducerRecord<>(Topics.APPS.name(), appKey, event)).get();
    }
  }

  private static Process startGateway(Path scratch, String bootstrap, String registryUrl, Path keyFile)
      throws Exception {
    Path module = Path.of("ingest-connectors").toAbsolutePath();
    Path classpathFile = module.resolve("target/classpath.txt");
    if (!Files.exists(classpathFile)) {
      throw new IllegalStateException("Build ingest-connectors first (" + classpathFile + " is missing): "
          + "mvn -pl ingest-connectors package -DskipTests, or run benchmarks/run ingest");
    }
    String classpath = module.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(classpathFile).strip();
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", classpath));
    // For profiling: -Dstrata.bench.gateway-jvm-args="-XX:StartFlightRecording=..." adds options to the gateway JVM.
    String extra = System.getProperty("strata.bench.gateway-jvm-args", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-Dmicronaut.server.port=-1",
        "-Dstrata.kafka.bootstrap-servers=" + bootstrap, "-Dstrata.schema-registry.url=" + registryUrl,
        "-Dstrata.ingest.blob-directory=" + scratch.resolve("blobs"), "-Dstrata.secrets.master-key-file=" + keyFile,
        "io.strata.ingest.gateway.GatewayApplication"));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static int awaitPort(Process gateway) throws Exception {
    var port = new CompletableFuture<Integer>();
    Thread pump = new Thread(() -> {
      try (var in = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("STRATA_GATEWAY_LISTENING port=")) {
            port.complete(Integer.parseInt(line.substring(line.indexOf('=') + 1).strip()));
          } else if (line.contains("ERROR") || line.contains("WARN")) {
            log.warn("gateway: {}", line);
          }
        }
      } catch (java.io.IOException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new IllegalStateException("The gateway exited before it listened"));
    }, "gateway-output");
    pump.setDaemon(true);
    pump.start();
    return port.get(120, TimeUnit.SECONDS);
  }

  /** 16 keep-alive clients upload new images back to back for {@code duration}. */
  private static Result uploads(Process gateway, int port, RequestSigner signer, UniqueImages template,
      Duration duration) throws Exception {
    var histogram = new Histogram(60_000_000L, 3);
    var count = new AtomicLong();
    var bytes = new AtomicLong();
    var failures = new AtomicLong();
    long cpuBefore = cpuNanos(gateway);
    long deadline = System.nanoTime() + duration.toNanos();
    long began = System.nanoTime();
    var threads = new ArrayList<Thread>();
    for (int c = 0; c < CLIENTS; c++) {
      long salt = System.nanoTime() + c;
      UniqueImages images = template;
      Thread client = new Thread(() -> {
        try (var http = new KeepAliveHttp("localhost", port)) {
          while (System.nanoTime() < deadline) {
            byte[] image;
            synchronized (images) {
              image = images.next(salt);
            }
            byte[] request = request(signer, images.contentType(), image);
            long sent = System.nanoTime();
            int status = http.send(request);
            long micros = Math.max(1, (System.nanoTime() - sent) / 1000);
            synchronized (histogram) {
              histogram.recordValue(micros);
            }
            if (status == 201 || status == 200) {
              count.incrementAndGet();
              bytes.addAndGet(image.length);
            } else {
              failures.incrementAndGet();
            }
          }
        } catch (Exception e) {
          log.error("Client failed: {}", e.toString());
          failures.incrementAndGet();
        }
      });
      client.start();
      threads.add(client);
    }
    for (Thread client : threads) {
      client.join();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    return new Result(count.get(), bytes.get(), seconds, histogram, failures.get(),
        (cpuNanos(gateway) - cpuBefore) / 1e6);
  }

  private static long cpuNanos(Process process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
  }

  private static byte[] request(RequestSigner signer, String contentType, byte[] image) {
    var headers = signer.sign("POST", "/v1/samples", null, ContentHash.of(image)).asMap();
    var head = new StringBuilder("POST /v1/samples HTTP/1.1\r\nHost: localhost\r\nContent-Type: ").append(contentType)
        .append("\r\nContent-Length: ").append(image.length).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + image.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(image, 0, request, headBytes.length, image.length);
    return request;
  }

  /** The baseline: 16 threads write the same kind of bytes to new files on the same disk, each fsynced. */
  private static Result rawWrites(Path parent, UniqueImages template, Duration duration) throws Exception {
    Path directory = Files.createDirectories(parent.resolve(UUID.randomUUID().toString()));
    var histogram = new Histogram(60_000_000L, 3);
    var count = new AtomicLong();
    var bytes = new AtomicLong();
    long deadline = System.nanoTime() + duration.toNanos();
    long began = System.nanoTime();
    var threads = new ArrayList<Thread>();
    var names = new AtomicLong();
    for (int c = 0; c < CLIENTS; c++) {
      long salt = System.nanoTime() + c;
      Thread writer = new Thread(() -> {
        try {
          while (System.nanoTime() < deadline) {
            byte[] image;
            synchronized (template) {
              image = template.next(salt);
            }
            long started = System.nanoTime();
            Path file = directory.resolve("f" + names.incrementAndGet());
            try (var channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
              var buffer = ByteBuffer.wrap(image);
              while (buffer.hasRemaining()) {
                channel.write(buffer);
              }
              channel.force(true);
            }
            long micros = Math.max(1, (System.nanoTime() - started) / 1000);
            synchronized (histogram) {
              histogram.recordValue(micros);
            }
            count.incrementAndGet();
            bytes.addAndGet(image.length);
          }
        } catch (Exception e) {
          log.error("Writer failed: {}", e.toString());
        }
      });
      writer.start();
      threads.add(writer);
    }
    for (Thread writer : threads) {
      writer.join();
    }
    return new Result(count.get(), bytes.get(), (System.nanoTime() - began) / 1e9, histogram, 0, Double.NaN);
  }

  private static String row(String scenario, int size, Result gateway, Result raw) {
    double share = gateway.megabytesPerSecond() / raw.megabytesPerSecond();
    return String.format(Locale.ROOT, "| %s (%d B) | %d | %s | %s | %s | %d | %s | %d | %s | %s | %s |", scenario,
        size, Math.round(gateway.perSecond()), f(gateway.megabytesPerSecond()), f(gateway.millis(50)),
        f(gateway.millis(99)), gateway.failures(), f(gateway.cpuMillisPerUpload()), Math.round(raw.perSecond()), f(raw.megabytesPerSecond()), f(raw.millis(50)),
        Math.round(share * 100) + " %");
  }

  private static String verdict(String target, boolean met, String measured) {
    return "- " + target + ": " + (met ? "**met**" : "**not met**") + " (" + measured + ")";
  }

  private static String table(List<String> rows, List<String> verdicts, int seconds, int warmUp) {
    int cores = Runtime.getRuntime().availableProcessors();
    return "Machine: " + cores + " cores, Java " + System.getProperty("java.version") + ", local disk (the benchmark's "
        + "temp directory). Method: " + CLIENTS + " keep-alive clients upload signed images back to back for "
        + seconds + " s after a " + warmUp + " s warm-up of the same load (the gateway JVM starts fresh for the run; "
        + "a shorter warm-up measures the JIT compiler, which competes for the same cores); every image is new content (a counter in a JPEG comment / PNG tEXt chunk), "
        + "so every upload is verified, inspected, streamed to the local blob store (fsync, rename, directory fsync) "
        + "and recorded as an acknowledged samples event (acks=all) before its 201. The gateway runs in its own JVM "
        + "(-Xmx512m) next to the broker, the registry and the load generator, all on these cores. Baseline, same "
        + "run: " + CLIENTS + " threads write the same bytes to new files in the same directory tree, each with "
        + "fsync.\n\n"
        + "| images | uploads/s | MB/s | p50 ms | p99 ms | failed | gateway CPU ms/upload | raw fsync writes/s | "
        + "raw MB/s | raw p50 ms | gateway / raw MB/s |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n"
        + String.join("\n", rows) + "\n\n"
        + "Targets (issue 5), this run:\n" + String.join("\n", verdicts) + "\n\n"
        + "Where the time goes (profiled with JFR and per-process CPU time; see docs/ingest.md, Throughput): the "
        + "earlier runs (9 % and 70 uploads/s) lost most of each upload to Micronaut's @Body InputStream, which "
        + "fetched the body one ~8 KB chunk at a time from the event loop, and to copying every file below 1 MB "
        + "whole into memory for its header; both are gone (a windowed body pipe, the header read from the first "
        + "16 KB). What remains per upload is serial by design: the body read, two SHA-256 passes (signed body "
        + "hash, content address), the blob's fsync, its rename and the directory's fsync, then one acks=all "
        + "round trip to Kafka before the answer. The raw baseline does one write and one fsync. With the "
        + "gateway, the broker and the 16 clients on the same 2 cores, CPU is the limit: uploads/s x gateway CPU "
        + "ms/upload is the share of a core the gateway uses, and the rest goes to the broker, the clients (which "
        + "hash every body to sign it) and other work on the machine.\n\n"
        + "Load average during the run: " + String.format(Locale.ROOT, "%.1f",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
        + " (other processes share these cores).\n";
  }

  private static String f(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
