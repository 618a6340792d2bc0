package io.strata.lakehouse.sql;

import io.strata.lakehouse.sql.lineage.LineageViews;
import io.strata.lakehouse.tables.LakehouseTables;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session ready for analysts: the topics' tables exist (created empty when the sink has not run yet,
 * evolved when a schema gained fields) and the lineage views are in place.
 */
public final class Lakehouse {

  private Lakehouse() {}

  /** Ensures the tables and views, then returns the session. */
  public static SparkSession open(LakehouseSettings settings, String appName) {
    Catalog catalog = settings.openCatalog();
    try {
      LakehouseTables.ensure(catalog, settings.icebergNamespace());
    } finally {
      close(catalog);
    }
    SparkSession spark = SparkSessions.open(settings, appName);
    LineageViews.install(spark, LakehouseSettings.CATALOG, settings.namespace());
    return spark;
  }

  /** Closes {@code catalog} when it holds resources (the JDBC catalog holds a connection pool). */
  public static void close(Catalog catalog) {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("Cannot close the catalog " + catalog.name(), e);
      }
    }
  }
}
