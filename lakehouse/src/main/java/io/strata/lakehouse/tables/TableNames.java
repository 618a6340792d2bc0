package io.strata.lakehouse.tables;

import io.strata.schemas.topics.Topic;
import io.strata.schemas.topics.Topics;
import java.util.List;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Which topics are lakehouse tables, and what their tables are called: topic {@code api-calls} is
 * table {@code api_calls} (a hyphen would need quoting in every SQL statement), in one namespace per
 * deployment, {@value #DEFAULT_NAMESPACE} unless configured.
 *
 * <p>Every Avro topic ({@link Topics#avro()}) is a table. Two topics are not: {@code _schemas} is the
 * schema registry's own storage (its content is the registry's API, and the Avro schemas it stores
 * are what shape the other tables), and {@code dead-letters} holds the raw bytes of records that could
 * not be read, so it has no schema to derive columns from; it is inspected and replayed from Kafka.
 */
public final class TableNames {

  public static final String DEFAULT_NAMESPACE = "strata";

  private TableNames() {}

  /** The topics that have a table, in the catalog's stable order. */
  public static List<Topic<?, ?>> lakehouseTopics() {
    return Topics.avro();
  }

  /** The table name of {@code topicName}, e.g. {@code api_calls} for {@code api-calls}. */
  public static String tableName(String topicName) {
    return topicName.replace('-', '_');
  }

  /** The table of {@code topic} in namespace {@code namespace}. */
  public static TableIdentifier identifier(Namespace namespace, Topic<?, ?> topic) {
    return TableIdentifier.of(namespace, tableName(topic.name()));
  }
}
