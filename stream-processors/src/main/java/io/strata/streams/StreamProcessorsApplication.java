package io.strata.streams;

import io.strata.blobstore.BlobStores;
import io.strata.events.SampleEvent;
import io.strata.observability.http.Health;
import io.strata.observability.http.ObservabilityEndpoints;
import io.strata.observability.metrics.ComponentMetrics;
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
import io.micrometer.core.instrument.Tag;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Strata's stream processors in one process, each as its own Kafka Streams application (so each scales and
 * fails on its own): the quality review, the dataset versioner and the training trigger. Configuration from the
 * environment: {@code STRATA_KAFKA_BOOTSTRAP_SERVERS} (localhost:9092), {@code STRATA_SCHEMA_REGISTRY_URL}
 * (http://localhost:8081), {@code STRATA_BLOB_STORE} (./strata-data/blobs; a directory or an s3:// URI),
 * {@code STRATA_STATE_DIR} (./strata-data/streams) and {@code STRATA_HEALTH_PORT} (none: no health endpoint). The
 * health port also serves {@code GET /metrics}: the Kafka Streams metrics of every application (tagged
 * {@code application=<id>}: process rates, commit latency, consumer lag {@code records-lag-max}, records sent by
 * its producers) next to the JVM and process metrics, all tagged {@code component=stream-processors}.
 */
public final class StreamProcessorsApplication implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamProcessorsApplication.class);
  /** Images are measured at most this many pixels on their long side. */
  public static final int REVIEW_MAX_SIDE = 2048;

  /** The {@code component} tag of this process's metrics. */
  public static final String COMPONENT = "stream-processors";

  private final List<KafkaStreams> applications;
  private final CachingSchemaRegistryClient registry;
  private final ComponentMetrics metrics;

  private StreamProcessorsApplication(List<KafkaStreams> applications, CachingSchemaRegistryClient registry,
      ComponentMetrics metrics) {
    this.applications = applications;
    this.registry = registry;
    this.metrics = metrics;
  }

  /** Starts every processor; returns once they were asked to start (they reach RUNNING on their own). */
  public static StreamProcessorsApplication start(ProcessorSettings settings) throws IOException {
    var registry = new CachingSchemaRegistryClient(RegistryClientConfig.from(
        Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, settings.registryUrl())));
    Serde<SampleEvent> samples = Topics.SAMPLES.valueSerde(registry);
    var blobs = BlobStores.open(settings.blobStore(), settings.stateDirectory().resolve("blob-spool"));
    var metrics = ComponentMetrics.create(COMPONENT);
    var qualityReview = launch(metrics, "Quality review", QualityReview.build(Topics.SAMPLES.name(), samples, blobs,
        QualityThresholds.DEFAULTS, REVIEW_MAX_SIDE), settings.streamsConfig(QualityReview.APPLICATION_ID));
    var versioner = launch(metrics, "Dataset versioner", DatasetVersioner.build(VersionerTopics.catalog(), samples,
        Topics.LABELS.valueSerde(registry), Topics.DATASETS.valueSerde(registry),
        Topics.DATASET_VERSION_ITEMS.valueSerde(registry), Topics.LABELS.partitions()),
        DatasetVersioner.streamsConfig(settings));
    var trigger = launch(metrics, "Training trigger", TrainingTrigger.build(TriggerTopics.catalog(),
        Topics.DATASETS.valueSerde(registry), Topics.LABELS.valueSerde(registry),
        Topics.DRIFT_REPORTS.valueSerde(registry), Topics.TRAINING_JOBS.valueSerde(registry)),
        settings.streamsConfig(TrainingTrigger.APPLICATION_ID));
    log.info("Stream processors started: applications={},{},{} bootstrap={}", QualityReview.APPLICATION_ID,
        DatasetVersioner.APPLICATION_ID, TrainingTrigger.APPLICATION_ID, settings.bootstrapServers());
    return new StreamProcessorsApplication(List.of(qualityReview, versioner, trigger), registry, metrics);
  }

  /**
   * Starts one Kafka Streams application with its metrics published; an uncaught failure stops that application
   * only, and is logged.
   */
  private static KafkaStreams launch(ComponentMetrics metrics, String what, Topology topology, Properties config) {
    var streams = new KafkaStreams(topology, config);
    metrics.bindStreams(streams, Tag.of("application", config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)));
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

  /** This process's metrics, as served on {@code GET /metrics}. */
  public ComponentMetrics metrics() {
    return metrics;
  }

  /** Health as served on {@code GET /health}: {@link #healthy()} with the state of each application. */
  public Health health() {
    return new Health(healthy(), Map.of("applications", states().toString()));
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
    metrics.close();
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

  /**
   * {@code GET /health} (200 with the states while {@link #healthy()}, else 503) and {@code GET /metrics} on
   * localhost.
   */
  private static HttpServer healthServer(StreamProcessorsApplication processors, int port) throws IOException {
    return ObservabilityEndpoints.serve("localhost", port, processors.metrics(), processors::health);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
