package io.strata.lakehouse.sink;

import io.strata.lakehouse.tables.Catalogs;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import io.strata.registry.RegistryServer;
import io.strata.schemas.topics.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One sink deployment under test: the shared broker, one schema registry per JVM, uniquely named copies of
 * catalog topics, a fresh data directory (SQLite catalog and warehouse) and a unique namespace, connector name and
 * control topic.
 */
final class SinkFixture {

  private static RegistryServer registry;

  final EmbeddedKafka kafka = EmbeddedKafka.shared();
  final Path dataDirectory;
  final String namespace = "it_" + TestTopics.unique("ns").replace('-', '_');
  final List<SourceTopic> topics = new ArrayList<>();

  SinkFixture(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  static synchronized String registryUrl() {
    if (registry == null) {
      registry = RegistryServer.start(new RegistryServer.Settings(0, EmbeddedKafka.shared().bootstrapServers()));
      Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "it-registry-stop"));
    }
    return registry.url();
  }

  /** A new uniquely named topic carrying {@code catalogTopic}'s events, with its partition count unless given. */
  SourceTopic copyOf(Topic<?, ?> catalogTopic, int partitions) {
    String name = TestTopics.unique(catalogTopic.name());
    kafka.createTopic(name, partitions, Map.of("message.timestamp.type", "LogAppendTime"));
    SourceTopic topic = new SourceTopic(name, catalogTopic);
    topics.add(topic);
    return topic;
  }

  SinkSettings settings(Duration commitInterval) {
    String unique = TestTopics.unique("sink");
    return SinkSettings.defaults(kafka.bootstrapServers(), registryUrl(), dataDirectory)
        .withTopics(topics)
        .with(namespace, commitInterval)
        .withConnector(unique, "_control-" + unique, 1);
  }

  JdbcCatalog catalog() {
    return Catalogs.jdbcSqlite(dataDirectory.resolve("catalog.db"), dataDirectory.resolve("warehouse"));
  }

  TableIdentifier table(SourceTopic topic) {
    return topic.table(Namespace.of(namespace)).identifier();
  }

  static List<Record> rows(Catalog catalog, TableIdentifier id) {
    Table table = catalog.loadTable(id);
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      List<Record> all = new ArrayList<>();
      rows.forEach(all::add);
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 5), topic.keySerde().serializer(),
        topic.valueSerde(Map.of("schema.registry.url", registryUrl())).serializer());
  }

  KafkaProducer<byte[], byte[]> rawProducer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  static Path directory(Path parent, String name) {
    try {
      return Files.createDirectories(parent.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
