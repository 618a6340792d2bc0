package io.strata.lakehouse.tables;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Opens the catalogs Strata runs on. The embedded default is Iceberg's JDBC catalog on a SQLite file
 * with a local warehouse directory.
 *
 * <p>SQLite and several processes (the sink commits while {@code strata sql} reads and maintenance
 * rewrites): the connection runs SQLite's WAL journal ({@code journal_mode=WAL}, persistent in the
 * file), so readers never block the writer, and waits up to {@value #BUSY_TIMEOUT_MS} ms for a lock
 * ({@code busy_timeout}) instead of failing at once with {@code database is locked}. Both are
 * sqlite-jdbc connection properties, which the JDBC catalog passes on from its {@code jdbc.*}
 * properties. Writers still take turns, one commit at a time; PostgreSQL is the answer when that is
 * not enough.
 */
public final class Catalogs {

  /** The catalog name the embedded deployment uses. */
  public static final String CATALOG_NAME = "strata";

  static final int BUSY_TIMEOUT_MS = 30_000;

  private Catalogs() {}

  /** A JDBC catalog on SQLite file {@code sqliteFile}, keeping table files under {@code warehouseDir}. */
  public static JdbcCatalog jdbcSqlite(Path sqliteFile, Path warehouseDir) {
    Map<String, String> properties = new LinkedHashMap<>(sqliteProperties(sqliteFile, warehouseDir));
    properties.remove(CatalogUtil.ICEBERG_CATALOG_TYPE);
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.setConf(new Configuration());
    catalog.initialize(CATALOG_NAME, properties);
    return catalog;
  }

  /**
   * The catalog properties of the embedded default, in Iceberg's own keys ({@code type=jdbc}, {@code uri},
   * {@code warehouse}, ...): what {@link #load} and the sink connector (with the {@code iceberg.catalog.}
   * prefix) are given.
   */
  public static Map<String, String> sqliteProperties(Path sqliteFile, Path warehouseDir) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC);
    properties.put(CatalogProperties.URI, "jdbc:sqlite:" + sqliteFile.toAbsolutePath());
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouseDir.toAbsolutePath().toUri().toString());
    properties.put("jdbc.schema-version", "V1");
    properties.put("jdbc.journal_mode", "WAL");
    properties.put("jdbc.busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
    return Map.copyOf(properties);
  }

  /**
   * Any catalog Iceberg can build from properties: {@code type=jdbc} (SQLite or PostgreSQL by {@code uri}),
   * {@code type=rest}, or {@code catalog-impl=<class>}; {@code io-impl} picks the file IO (e.g. S3).
   */
  public static Catalog load(String name, Map<String, String> properties) {
    return CatalogUtil.buildIcebergCatalog(name, properties, new Configuration());
  }
}
