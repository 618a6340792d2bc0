package io.strata.ingest.dropfolder;

import io.strata.events.IngestRejection;
import io.strata.events.SampleEvent;
import io.strata.ingest.testing.TopicRecords;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.RegistryServer;
import io.strata.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/** The shared broker, one registry per test JVM, this test's own topics and folders, and readers of the topics. */
final class DropFolderFixture implements AutoCloseable {

  static final EmbeddedKafka kafka = EmbeddedKafka.shared();
  private static RegistryServer registry;

  final Path directory;
  final Path drop;
  final Path blobs;
  final String samplesTopic = TestTopics.unique("samples");
  final String rejectionsTopic = TestTopics.unique("rejections");
  final ConnectWorker.Names worker = ConnectWorker.Names.unique("drop-it");

  DropFolderFixture() throws IOException {
    directory = Files.createTempDirectory("strata-drop-it-");
    drop = Files.createDirectories(directory.resolve("drop/acme"));
    blobs = directory.resolve("blobs");
    kafka.createTopic(samplesTopic, 3);
    kafka.createTopic(rejectionsTopic, 1);
  }

  static synchronized String registryUrl() {
    if (registry == null) {
      registry = RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()));
    }
    return registry.url();
  }

  ConnectWorker startWorker() {
    return ConnectWorker.start(kafka.bootstrapServers(), worker);
  }

  /** The connector configuration for the local drop folder, with this test's topics. */
  Map<String, String> connectorConfig(String name, Map<String, String> extra) {
    var config = new HashMap<>(DropFolderConnectorConfig.forDirectory(name, "acme", drop, blobs.toString(),
        registryUrl()));
    config.put(DropFolderConnectorConfig.SAMPLES_TOPIC, samplesTopic);
    config.put(DropFolderConnectorConfig.REJECTIONS_TOPIC, rejectionsTopic);
    config.putAll(extra);
    return config;
  }

  List<SampleEvent> samples() {
    return read(samplesTopic, Topics.SAMPLES.valueSerde(Map.of("schema.registry.url", registryUrl())).deserializer());
  }

  List<IngestRejection> rejections() {
    return read(rejectionsTopic,
        Topics.INGEST_REJECTIONS.valueSerde(Map.of("schema.registry.url", registryUrl())).deserializer());
  }

  /** Every committed record now in {@code topic} (aborted transactions are skipped, as any reader would). */
  static <V> List<V> read(String topic, Deserializer<V> values) {
    return TopicRecords.committed(kafka, topic, values);
  }

  /** Files now in {@code folder} of the drop directory (names only). */
  List<String> filesIn(String folder) throws IOException {
    Path dir = drop.resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public void close() throws IOException {
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
