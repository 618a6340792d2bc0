package io.strata.lakehouse.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a catalog's tables in line with the topics' Avro schemas; safe to run at every start.
 *
 * <p>A missing table is created (format version 2, Parquet). An existing table is evolved with
 * {@link UpdateSchema#unionByNameWith}: a field a topic's schema gained (which has a default, or
 * BACKWARD_TRANSITIVE would have refused it) becomes a new optional column, at any depth, placed
 * before the Kafka metadata columns when it is top-level. Nothing is dropped or renamed: rows
 * written under an old schema keep their columns, and a field removed from Avro stays as a column
 * that new rows leave null. Only the changes Iceberg itself allows follow a field (int to long, float
 * to double, required to optional); anything else fails the commit with Iceberg's message instead of
 * rewriting the table. Adding columns is a metadata-only commit, so readers and the sink go on.
 * The partition spec of an existing table is left as it is.
 */
public final class LakehouseTables {

  private static final Logger log = LoggerFactory.getLogger(LakehouseTables.class);

  /** Properties of every created table. Old metadata files are pruned because the sink commits often. */
  static final Map<String, String> TABLE_PROPERTIES = Map.of(
      TableProperties.FORMAT_VERSION, "2",
      TableProperties.DEFAULT_FILE_FORMAT, "parquet",
      TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
      TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "100");

  /**
   * Columns whose values are (nearly) unique per row: Parquet's dictionary encoding only costs there (every value
   * enters the dictionary until it overflows, then the page is re-encoded plain), so it is off for them, by
   * Iceberg's {@value TableProperties#PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX}{@code <column>=false}. The
   * low-cardinality columns (tenant, app key, API, model, status) keep it.
   */
  static final Set<String> UNIQUE_PER_ROW = Set.of("eventId", "causationId", "requestId", "occurredAt",
      AvroToIceberg.KAFKA_OFFSET, AvroToIceberg.KAFKA_APPEND_TIME);

  /** What {@code ensure} did to each table. */
  public record Report(List<TableIdentifier> created, List<TableIdentifier> evolved, List<TableIdentifier> unchanged) {}

  private LakehouseTables() {}

  /** Ensures a table for every lakehouse topic in {@code namespace}, creating the namespace if needed. */
  public static Report ensure(Catalog catalog, Namespace namespace) {
    return ensure(catalog, namespace, TableDefinition.forCatalog(namespace));
  }

  /** Ensures the given tables, all in {@code namespace}. */
  public static Report ensure(Catalog catalog, Namespace namespace, List<TableDefinition> definitions) {
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (RuntimeException e) {
        // Another process won the race: JdbcCatalog reports it as a failed INSERT, not AlreadyExistsException.
        if (!namespaces.namespaceExists(namespace)) {
          throw e;
        }
        log.info("Namespace was created concurrently namespace={}", namespace);
      }
    }
    List<TableIdentifier> created = new ArrayList<>();
    List<TableIdentifier> evolved = new ArrayList<>();
    List<TableIdentifier> unchanged = new ArrayList<>();
    for (TableDefinition definition : definitions) {
      TableIdentifier id = definition.identifier();
      if (!catalog.tableExists(id) && create(catalog, definition)) {
        log.info("Created table table={} topic={}", id, definition.topic());
        created.add(id);
      } else if (evolve(catalog.loadTable(id), definition.schema())
          | updateColumnProperties(catalog.loadTable(id))) {
        log.info("Evolved table table={} topic={}", id, definition.topic());
        evolved.add(id);
      } else {
        unchanged.add(id);
      }
    }
    return new Report(List.copyOf(created), List.copyOf(evolved), List.copyOf(unchanged));
  }

  /** Creates the table; false when another process created it first (it is then evolved like any other). */
  private static boolean create(Catalog catalog, TableDefinition definition) {
    try {
      catalog.buildTable(definition.identifier(), definition.schema())
          .withPartitionSpec(definition.spec())
          .withProperties(TABLE_PROPERTIES)
          .withProperties(columnProperties(definition.schema()))
          .create();
      return true;
    } catch (AlreadyExistsException raced) {
      log.info("Table was created concurrently table={}", definition.identifier());
      return false;
    } catch (RuntimeException e) {
      if (!catalog.tableExists(definition.identifier())) {
        throw e;
      }
      log.info("Table was created concurrently table={} ({})", definition.identifier(), e.getMessage());
      return false;
    }
  }

  /** The per-column write properties of a table with {@code schema}: dictionary encoding off where unique. */
  static Map<String, String> columnProperties(Schema schema) {
    Map<String, String> properties = new TreeMap<>();
    for (var column : schema.columns()) {
      if (UNIQUE_PER_ROW.contains(column.name())) {
        properties.put(TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column.name(), "false");
      }
    }
    return properties;
  }

  /** Sets the per-column properties a table (created before they existed, or evolved since) lacks. */
  private static boolean updateColumnProperties(Table table) {
    Map<String, String> missing = new TreeMap<>(columnProperties(table.schema()));
    missing.entrySet().removeIf(entry -> table.properties().containsKey(entry.getKey()));
    if (missing.isEmpty()) {
      return false;
    }
    var update = table.updateProperties();
    missing.forEach(update::set);
    update.commit();
    return true;
  }

  private static boolean evolve(Table table, Schema wanted) {
    Schema current = table.schema();
    UpdateSchema update = table.updateSchema().unionByNameWith(wanted);
    String firstKafkaColumn = current.findField(AvroToIceberg.KAFKA_TOPIC) != null
        ? AvroToIceberg.KAFKA_TOPIC : AvroToIceberg.KAFKA_PARTITION;
    boolean hasKafkaColumns = current.findField(firstKafkaColumn) != null;
    for (var column : wanted.columns()) {
      if (current.findField(column.name()) == null && hasKafkaColumns && !isKafkaColumn(column.name())) {
        update.moveBefore(column.name(), firstKafkaColumn);
      }
    }
    if (update.apply().sameSchema(current)) {
      return false;
    }
    update.commit();
    return true;
  }

  private static boolean isKafkaColumn(String name) {
    return name.equals(AvroToIceberg.KAFKA_TOPIC) || name.equals(AvroToIceberg.KAFKA_PARTITION) || name.equals(AvroToIceberg.KAFKA_OFFSET)
        || name.equals(AvroToIceberg.KAFKA_APPEND_TIME);
  }
}
