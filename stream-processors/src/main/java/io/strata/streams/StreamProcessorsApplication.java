package io.strata.streams;

import io.strata.blobstore.BlobStores;
import io.strata.events.SampleEvent;
import io.strata.schemas.registry.CachingSchemaRegistryClient;
import io.strata.schemas.registry.RegistryClientConfig;
import io.strata.schemas.topics.Topics;
import io.strata.streams.datasets.DatasetVersioner;
import io.strata.streams.datasets.VersionerTopics;
import io.strata.streams.quality.QualityReview;
import io.strata.streams.quality.QualityThresholds;
import io.strata.streams.training.TrainingTrigger;
import io.strata.streams.training.TriggerTopics;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Strata's stream processors in one process, each as its own Kafka Streams application (so each scales and
 * fails on its own): the quality review, the dataset versioner and the training trigger. Configuration from the
 * environment: {@code STRATA_KAFKA_BOOTSTRAP_SERVERS} (localhost:9092), {@code STRATA_SCHEMA_REGISTRY_URL}
 * (http://localhost:8081), {@code STRATA_BLOB_STORE} (./strata-data/blobs; a directory or an s3:// URI),
 * {@code STRATA_STATE_DIR} (./strata-data/streams) and {@code STRATA_HEALTH_PORT} (none: no health endpoint).
 */
public final class StreamProcessorsApplication implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamProcessorsApplication.class);
  /** Images are measured at most this many pixels on their long side. */
  public static final int REVIEW_MAX_SIDE = 2048;

  private final List<KafkaStreams> applications;
  private final CachingSchemaRegistryClient registry;

  private StreamProcessorsApplication(List<KafkaStreams> applications, CachingSchemaRegistryClient registry) {
    this.applications = applications;
    this.registry = registry;
  }

  /** Starts every processor; returns once they were asked to start (they reach RUNNING on their own). */
  public static StreamProcessorsApplication start(ProcessorSettings settings) throws IOException {
    var registry = new CachingSchemaRegistryClient(RegistryClientConfig.from(
        Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, settings.registryUrl())));
    Serde<SampleEvent> samples = Topics.SAMPLES.valueSerde(registry);
    var blobs = BlobStores.open(settings.blobStore(), settings.stateDirectory().resolve("blob-spool"));
    var qualityReview = launch("Quality review", QualityReview.build(Topics.SAMPLES.name(), samples, blobs,
        QualityThresholds.DEFAULTS, REVIEW_MAX_SIDE), settings.streamsConfig(QualityReview.APPLICATION_ID));
    var versioner = launch("Dataset versioner", DatasetVersioner.build(VersionerTopics.catalog(), samples,
        Topics.LABELS.valueSerde(registry), Topics.DATASETS.valueSerde(registry),
        Topics.DATASET_VERSION_ITEMS.valueSerde(registry), Topics.LABELS.partitions()),
        DatasetVersioner.streamsConfig(settings));
    var trigger = launch("Training trigger", TrainingTrigger.build(TriggerTopics.catalog(),
        Topics.DATASETS.valueSerde(registry), Topics.LABELS.valueSerde(registry),
        Topics.DRIFT_REPORTS.valueSerde(registry), Topics.TRAINING_JOBS.valueSerde(registry)),
        settings.streamsConfig(TrainingTrigger.APPLICATION_ID));
    log.info("Stream processors started: applications={},{},{} bootstrap={}", QualityReview.APPLICATION_ID,
        DatasetVersioner.APPLICATION_ID, TrainingTrigger.APPLICATION_ID, settings.bootstrapServers());
    return new StreamProcessorsApplication(List.of(qualityReview, versioner, trigger), registry);
  }

  /** Starts one Kafka Streams application; an uncaught failure stops that application only, and is logged. */
  private static KafkaStreams launch(String what, Topology topology, Properties config) {
    var streams = new KafkaStreams(topology, config);
    streams.setUncaughtExceptionHandler(exception -> {
      log.error("{} failed; its Kafka Streams application stops", what, exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
    return streams;
  }

  /**
   * Healthy while no application has stopped or failed: starting and rebalancing count as healthy, since both
   * are part of normal operation.
   */
  public boolean healthy() {
    return applications.stream().map(KafkaStreams::state).noneMatch(state -> state == KafkaStreams.State.ERROR
        || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_ERROR
        || state == KafkaStreams.State.PENDING_SHUTDOWN);
  }

  /** The state of each application, by application id order. */
  public List<KafkaStreams.State> states() {
    return applications.stream().map(KafkaStreams::state).toList();
  }

  @Override
  public void close() {
    for (var application : applications) {
      application.close(Duration.ofSeconds(30));
    }
    registry.close();
  }

  public static void main(String[] args) throws Exception {
    var settings = new ProcessorSettings(
        env("STRATA_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        env("STRATA_SCHEMA_REGISTRY_URL", "http://localhost:8081"),
        env("STRATA_BLOB_STORE", "strata-data/blobs"),
        Path.of(env("STRATA_STATE_DIR", "strata-data/streams")),
        Map.of());
    var processors = start(settings);
    String healthPort = System.getenv("STRATA_HEALTH_PORT");
    HttpServer health = healthPort == null || healthPort.isBlank() ? null : healthServer(processors,
        Integer.parseInt(healthPort));
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (health != null) {
        health.stop(0);
      }
      processors.close();
      stopped.countDown();
    }, "stream-processors-shutdown"));
    stopped.await();
  }

  /** {@code GET /health} on localhost: 200 with the states while {@link #healthy()}, else 503. */
  private static HttpServer healthServer(StreamProcessorsApplication processors, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
    server.createContext("/health", exchange -> {
      boolean healthy = processors.healthy();
      byte[] body = ("{\"status\":\"" + (healthy ? "UP" : "DOWN") + "\",\"applications\":\""
          + processors.states() + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    log.info("Health endpoint: url=http://localhost:{}/health", port);
    return server;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
