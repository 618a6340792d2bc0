package io.strata.lakehouse.sql;

import io.strata.lakehouse.tables.Catalogs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/**
 * Where the lakehouse is: the Iceberg catalog, its warehouse and namespace, and the data directory that
 * holds Spark's own scratch files and logs. One source for both the Iceberg Java catalog (reconcile) and
 * Spark's catalog configuration (SQL, Thrift server, maintenance), so that both always see the same tables.
 *
 * <p>The embedded default is Iceberg's JDBC catalog on the SQLite file {@code <data>/lakehouse/catalog.db}
 * with the warehouse {@code <data>/lakehouse/warehouse}, the same properties {@link Catalogs#jdbcSqlite}
 * gives the sink (WAL journal, busy timeout, {@code jdbc.schema-version=V1}). PostgreSQL is a JDBC URI, a
 * REST catalog is {@code type=rest} with its URI, S3 is an {@code s3://} warehouse plus {@code io-impl};
 * credentials and the rest go in {@code catalogProperties}.
 *
 * @param dataDirectory Strata's data directory
 * @param catalogType {@code jdbc} or {@code rest} (any type {@link CatalogUtil#buildIcebergCatalog} knows)
 * @param catalogUri the catalog's URI ({@code jdbc:sqlite:...}, {@code jdbc:postgresql://...}, {@code http://...})
 * @param warehouse the warehouse location ({@code file:/...}, {@code s3://bucket/path})
 * @param namespace the namespace of the tables, {@code strata} by default
 * @param catalogProperties further catalog properties, e.g. {@code jdbc.user}, {@code s3.endpoint}
 * @param sparkConf further Spark settings, e.g. {@code spark.master}
 */
public record LakehouseSettings(Path dataDirectory, String catalogType, String catalogUri, String warehouse,
    String namespace, Map<String, String> catalogProperties, Map<String, String> sparkConf) {

  /** The catalog name in Spark SQL ({@code strata.strata.api_calls}) and in the Iceberg Java API. */
  public static final String CATALOG = Catalogs.CATALOG_NAME;
  /** Where the embedded catalog and warehouse live inside the data directory. */
  public static final String LAKEHOUSE_DIRECTORY = "lakehouse";
  static final String SQLITE_BUSY_TIMEOUT_MS = "30000";

  public LakehouseSettings {
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    Objects.requireNonNull(catalogType, "catalogType");
    Objects.requireNonNull(catalogUri, "catalogUri");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(namespace, "namespace");
    catalogProperties = Map.copyOf(catalogProperties);
    sparkConf = Map.copyOf(sparkConf);
  }

  /** The embedded default: JDBC catalog on SQLite and a local warehouse, both under {@code dataDirectory}. */
  public static LakehouseSettings embedded(Path dataDirectory) {
    Path lakehouse = dataDirectory.toAbsolutePath().normalize().resolve(LAKEHOUSE_DIRECTORY);
    return new LakehouseSettings(dataDirectory, "jdbc", "jdbc:sqlite:" + lakehouse.resolve("catalog.db"),
        lakehouse.resolve("warehouse").toUri().toString(), "strata", Map.of(), Map.of());
  }

  /** The Iceberg catalog properties, as {@link CatalogUtil#buildIcebergCatalog} and Spark's catalog take them. */
  public Map<String, String> icebergProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, catalogType);
    properties.put(CatalogProperties.URI, catalogUri);
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
    if (catalogType.equals("jdbc")) {
      properties.put("jdbc.schema-version", "V1");
    }
    if (catalogUri.startsWith("jdbc:sqlite:")) {
      properties.put("jdbc.journal_mode", "WAL");
      properties.put("jdbc.busy_timeout", SQLITE_BUSY_TIMEOUT_MS);
    }
    properties.putAll(catalogProperties);
    return properties;
  }

  /** Opens the catalog through Iceberg's Java API (no Spark). */
  public Catalog openCatalog() {
    createLocalDirectories();
    return CatalogUtil.buildIcebergCatalog(CATALOG, icebergProperties(), new Configuration());
  }

  /** The tables' namespace. */
  public Namespace icebergNamespace() {
    return Namespace.of(namespace);
  }

  /** Where Spark keeps its scratch files, Derby metastore and logs: never the working directory. */
  public Path sparkDirectory() {
    return dataDirectory.resolve("spark");
  }

  /** The log file of the lakehouse SQL processes. */
  public Path logFile() {
    return dataDirectory.resolve("logs").resolve("lakehouse-sql.log");
  }

  /** Creates the SQLite file's and the warehouse's directories when they are local. */
  void createLocalDirectories() {
    try {
      if (catalogUri.startsWith("jdbc:sqlite:")) {
        Path file = Path.of(catalogUri.substring("jdbc:sqlite:".length()));
        if (file.getParent() != null) {
          java.nio.file.Files.createDirectories(file.getParent());
        }
      }
      if (warehouse.startsWith("file:")) {
        java.nio.file.Files.createDirectories(Path.of(java.net.URI.create(warehouse)));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot create the lakehouse directories for " + catalogUri + " and "
          + warehouse + "; check that the data directory " + dataDirectory + " is writable", e);
    }
  }
}
