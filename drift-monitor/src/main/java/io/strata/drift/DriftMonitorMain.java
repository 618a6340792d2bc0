package io.strata.drift;

import io.strata.drift.stats.SeverityBands;
import io.strata.observability.http.Health;
import io.strata.observability.http.ObservabilityEndpoints;
import io.strata.observability.metrics.ComponentMetrics;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the drift job ({@link DriftJob}) on a local Flink MiniCluster in this JVM, resuming from the newest checkpoint
 * under {@code --checkpoint-dir}, and serves {@code /health} (UP while the job runs) and {@code /metrics} on
 * {@code --metrics-port} until SIGTERM, which cancels the job (its checkpoints are kept). Options are
 * {@code --name=value}; {@code --help} lists them. On a Flink cluster, submit the same {@link DriftJob} instead
 * (docs/drift.md).
 */
public final class DriftMonitorMain {

  private static final Logger log = LoggerFactory.getLogger(DriftMonitorMain.class);
  static final String USAGE = """
      Usage: DriftMonitorMain [--name=value ...]
        --bootstrap-servers=HOST:PORT      Kafka (default localhost:9092)
        --schema-registry-url=URL          schema registry (default http://localhost:8081)
        --checkpoint-dir=DIR               checkpoints; a restart resumes from the newest (default strata-data/drift/checkpoints)
        --window=DURATION                  tumbling window, e.g. 60s, 5m (default 60s)
        --out-of-orderness=DURATION        how late a prediction may be (default 5s)
        --checkpoint-interval=DURATION     also how often reports are committed (default 10s)
        --min-predictions=N                fewer in a window: severity UNKNOWN (default 20)
        --moderate-psi=X --severe-psi=X    severity thresholds (default 0.1 and 0.25)
        --group-id=ID                      consumer group (default strata-drift-monitor)
        --metrics-port=PORT                /health and /metrics (default 8087)
      """;

  private DriftMonitorMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    DriftSettings settings;
    int metricsPort;
    try {
      options = parse(args);
      if (options.containsKey("help")) {
        System.out.print(USAGE);
        return;
      }
      settings = settings(options);
      metricsPort = Integer.parseInt(options.getOrDefault("metrics-port", "8087"));
    } catch (IllegalArgumentException e) {
      System.err.println("drift-monitor: " + e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    var env = StreamExecutionEnvironment.getExecutionEnvironment(DriftJob.configuration(settings));
    env.setParallelism(1);
    DriftJob.build(env, settings, "drift-monitor@" + InetAddress.getLocalHost().getHostName());
    JobClient job = env.executeAsync(DriftJob.NAME);
    log.info("Drift job submitted jobId={} settings={} restoredFrom={}", job.getJobID(), settings,
        DriftJob.latestCheckpoint(settings.checkpointDirectory()).map(Path::toString).orElse("nothing"));
    var metrics = ComponentMetrics.create("drift-monitor");
    var status = new java.util.concurrent.atomic.AtomicReference<>(JobStatus.INITIALIZING);
    metrics.registry().gauge("strata.drift.job.running", status, s -> s.get() == JobStatus.RUNNING ? 1 : 0);
    var server = ObservabilityEndpoints.serve("0.0.0.0", metricsPort, metrics, () -> {
      JobStatus now = jobStatus(job);
      status.set(now);
      return new Health(now == JobStatus.RUNNING, Map.of("job", job.getJobID().toString(), "status", now.name()));
    });
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        job.cancel().get(30, TimeUnit.SECONDS);
        log.info("Drift job cancelled jobId={}", job.getJobID());
      } catch (Exception e) {
        log.warn("Drift job did not cancel cleanly jobId={} reason={}", job.getJobID(), e.toString());
      }
      server.stop(0);
      metrics.close();
      stopped.countDown();
    }, "drift-monitor-stop"));
    JobStatus finalStatus = job.getJobExecutionResult().handle((result, failure) -> {
      if (failure != null) {
        log.error("Drift job ended with a failure jobId={}", job.getJobID(), failure);
        return JobStatus.FAILED;
      }
      return JobStatus.FINISHED;
    }).get();
    if (stopped.getCount() > 0 && finalStatus == JobStatus.FAILED) {
      // The job failed on its own (not a SIGTERM): exit non-zero so that the operator sees it.
      System.exit(1);
    }
    stopped.await();
  }

  private static JobStatus jobStatus(JobClient job) {
    try {
      return job.getJobStatus().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      return JobStatus.FAILED;
    }
  }

  /** The settings {@code options} give, defaults for the rest. */
  static DriftSettings settings(Map<String, String> options) {
    var known = java.util.Set.of("bootstrap-servers", "schema-registry-url", "checkpoint-dir", "window",
        "out-of-orderness", "checkpoint-interval", "min-predictions", "moderate-psi", "severe-psi", "group-id",
        "metrics-port", "help");
    for (String name : options.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("Unknown option --" + name);
      }
    }
    try {
      var bands = new SeverityBands(Double.parseDouble(options.getOrDefault("moderate-psi", "0.1")),
          Double.parseDouble(options.getOrDefault("severe-psi", "0.25")),
          Long.parseLong(options.getOrDefault("min-predictions", "20")));
      return new DriftSettings(options.getOrDefault("bootstrap-servers", "localhost:9092"),
          options.getOrDefault("schema-registry-url", "http://localhost:8081"),
          DriftSettings.DriftTopics.catalog(),
          duration("window", options.getOrDefault("window", "60s")),
          duration("out-of-orderness", options.getOrDefault("out-of-orderness", "5s")),
          duration("checkpoint-interval", options.getOrDefault("checkpoint-interval", "10s")),
          Path.of(options.getOrDefault("checkpoint-dir", "strata-data/drift/checkpoints")).toAbsolutePath(),
          options.getOrDefault("group-id", DriftJob.NAME), bands);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("A number option is not a number: " + e.getMessage());
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
  static Duration duration(String name, String text) {
    var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("--" + name + " must be a number with ms, s, m or h, e.g. 60s; got '"
          + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  static Map<String, String> parse(String[] args) {
    var options = new HashMap<String, String>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "': options are --name=value");
      }
      int eq = arg.indexOf('=');
      options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
    }
    return options;
  }
}
