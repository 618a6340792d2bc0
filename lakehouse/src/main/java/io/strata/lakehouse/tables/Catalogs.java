package io.strata.lakehouse.tables;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
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
    Map<String, String> properties = Map.of(
        CatalogProperties.URI, "jdbc:sqlite:" + sqliteFile.toAbsolutePath(),
        CatalogProperties.WAREHOUSE_LOCATION, warehouseDir.toAbsolutePath().toUri().toString(),
        "jdbc.schema-version", "V1",
        "jdbc.journal_mode", "WAL",
        "jdbc.busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.setConf(new Configuration());
    catalog.initialize(CATALOG_NAME, properties);
    return catalog;
  }
}
