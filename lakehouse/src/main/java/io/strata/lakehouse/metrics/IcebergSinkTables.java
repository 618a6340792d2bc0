package io.strata.lakehouse.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The tables one Iceberg sink connector writes, and the catalog they live in, as read from the connector's
 * configuration ({@code iceberg.catalog}, {@code iceberg.catalog.*}, {@code iceberg.tables}).
 *
 * @param connector the connector's name (its task consumers are {@code connector-consumer-<name>-<task>})
 * @param catalogName the Iceberg catalog name
 * @param catalogProperties the catalog properties, without the {@code iceberg.catalog.} prefix
 * @param tables the tables of {@code iceberg.tables}; empty with dynamic routing
 */
public record IcebergSinkTables(String connector, String catalogName, Map<String, String> catalogProperties,
    List<TableIdentifier> tables) {

  /** The connector class of Apache Iceberg's sink. */
  public static final String CONNECTOR_CLASS = "org.apache.iceberg.connect.IcebergSinkConnector";
  private static final String CATALOG_PREFIX = "iceberg.catalog.";

  public IcebergSinkTables {
    catalogProperties = Map.copyOf(catalogProperties);
    tables = List.copyOf(tables);
  }

  /** The sink's tables when {@code config} is an Iceberg sink connector's configuration, else empty. */
  public static Optional<IcebergSinkTables> of(String connector, Map<String, String> config) {
    if (config == null || !CONNECTOR_CLASS.equals(config.get("connector.class"))) {
      return Optional.empty();
    }
    Map<String, String> catalog = new LinkedHashMap<>();
    config.forEach((key, value) -> {
      if (key.startsWith(CATALOG_PREFIX)) {
        catalog.put(key.substring(CATALOG_PREFIX.length()), value);
      }
    });
    String tables = config.getOrDefault("iceberg.tables", "");
    List<TableIdentifier> identifiers = Arrays.stream(tables.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .map(TableIdentifier::parse)
        .toList();
    return Optional.of(new IcebergSinkTables(connector, config.getOrDefault("iceberg.catalog", "iceberg"), catalog,
        identifiers));
  }
}
