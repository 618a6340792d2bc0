package io.strata.lakehouse.sink;

import io.strata.lakehouse.tables.AvroToIceberg;
import io.strata.schemas.topics.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Namespace;

/**
 * The Iceberg sink connector's configuration for given {@link SinkSettings}: exactly what the in-process
 * standalone worker puts, and what a distributed Connect cluster is given ({@code PUT
 * /connectors/strata-lakehouse/config}). A pure function of the settings.
 *
 * <p>Choices worth knowing:
 * <ul>
 *   <li>values are read with Strata's {@code AvroConverter}; {@link KafkaMetadataColumns} adds the Kafka metadata
 *       columns, and the sink routes each record to its table by {@value AvroToIceberg#KAFKA_TOPIC} (one
 *       {@code iceberg.table.<table>.route-regex} per table);</li>
 *   <li>tables are created by {@code LakehouseTables.ensure} before the connector starts, so auto-create is off;
 *       schema evolution is on, so a field a topic's schema gains becomes a column while the sink runs;</li>
 *   <li>records that cannot be converted go to {@code dead-letters} with Connect's error context headers;</li>
 *   <li>the sink only reads committed records ({@code isolation.level=read_committed}), so aborted transactional
 *       writes never reach a table;</li>
 *   <li>session timeouts of 10 s and a 10 s transaction timeout bound the stall after a worker is killed: the dead
 *       consumers leave their groups, and a half-open transaction on the control topic (which blocks the
 *       coordinator's {@code read_committed} reads) is aborted, within about 10 s instead of 45-60 s.</li>
 * </ul>
 */
public final class SinkConnectorConfig {

  /** The Apache Iceberg sink connector class. */
  public static final String CONNECTOR_CLASS = "org.apache.iceberg.connect.IcebergSinkConnector";
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(3);
  static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

  private SinkConnectorConfig() {}

  /** The connector configuration, in a stable order (it is also the documented example). */
  public static Map<String, String> of(SinkSettings settings) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("name", settings.connectorName());
    config.put("connector.class", CONNECTOR_CLASS);
    config.put("tasks.max", Integer.toString(settings.tasksMax()));
    config.put("topics", settings.topics().stream().map(SourceTopic::name).collect(Collectors.joining(",")));

    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "io.strata.schemas.connect.AvroConverter");
    config.put("value.converter.schema.registry.url", settings.schemaRegistryUrl());
    config.put("transforms", "kafkaMetadata");
    config.put("transforms.kafkaMetadata.type", KafkaMetadataColumns.class.getName());

    config.put("errors.tolerance", "all");
    config.put("errors.log.enable", "true");
    config.put("errors.deadletterqueue.topic.name", Topics.DEAD_LETTERS.name());
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");

    config.put("consumer.override.isolation.level", "read_committed");
    config.put("consumer.override.session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()));
    config.put("consumer.override.heartbeat.interval.ms", Long.toString(HEARTBEAT_INTERVAL.toMillis()));
    config.put("consumer.override.max.poll.records", "5000");
    config.put("consumer.override.fetch.min.bytes", "65536");
    config.put("consumer.override.fetch.max.wait.ms", "200");
    config.put("consumer.override.max.partition.fetch.bytes", Integer.toString(4 * 1024 * 1024));

    config.put("iceberg.catalog", settings.catalogName());
    settings.catalogProperties().forEach((key, value) -> config.put("iceberg.catalog." + key, value));
    Namespace namespace = Namespace.of(settings.namespace());
    Map<String, List<String>> topicsByTable = settings.topics().stream().collect(Collectors.groupingBy(
        topic -> topic.table(namespace).identifier().toString(), LinkedHashMap::new,
        Collectors.mapping(SourceTopic::name, Collectors.toList())));
    config.put("iceberg.tables", String.join(",", topicsByTable.keySet()));
    config.put("iceberg.tables.route-field", AvroToIceberg.KAFKA_TOPIC);
    topicsByTable.forEach((table, topics) -> config.put("iceberg.table." + table + ".route-regex",
        topics.stream().map(Pattern::quote).collect(Collectors.joining("|"))));
    config.put("iceberg.tables.auto-create-enabled", "false");
    config.put("iceberg.tables.evolve-schema-enabled", "true");
    config.put("iceberg.tables.write-props.write.parquet.compression-codec", "snappy");

    config.put("iceberg.control.topic", settings.controlTopic());
    config.put("iceberg.control.commit.interval-ms", Long.toString(settings.commitInterval().toMillis()));
    config.put("iceberg.control.commit.timeout-ms", "30000");
    config.put("iceberg.kafka.bootstrap.servers", settings.bootstrapServers());
    config.put("iceberg.kafka.session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()));
    config.put("iceberg.kafka.heartbeat.interval.ms", Long.toString(HEARTBEAT_INTERVAL.toMillis()));
    config.put("iceberg.kafka.transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()));
    return config;
  }

  /** The consumer group the sink's tasks read the topics in (Connect's {@code connect-<name>}). */
  public static String consumerGroup(SinkSettings settings) {
    return "connect-" + settings.connectorName();
  }

  /** The consumer group of the commit coordinator on the control topic (the Iceberg sink's naming). */
  public static String coordinatorGroup(SinkSettings settings) {
    return consumerGroup(settings) + "-coord";
  }
}
