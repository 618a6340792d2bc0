package io.strata.lakehouse.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the local Spark session over the lakehouse catalog: Iceberg's {@code SparkCatalog} named {@value
 * LakehouseSettings#CATALOG} as the default catalog, its default namespace the tables' namespace (so {@code
 * SELECT * FROM api_calls} works), no web UI, and every scratch file (warehouse, Derby metastore, local dirs)
 * under {@code <data>/spark} instead of the working directory.
 */
public final class SparkSessions {

  private SparkSessions() {}

  /** The Spark settings for {@code settings}; pure, so tests can check them. */
  public static Map<String, String> conf(LakehouseSettings settings) {
    String catalog = "spark.sql.catalog." + LakehouseSettings.CATALOG;
    var spark = settings.sparkDirectory();
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.master", "local[*]");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    conf.put(catalog, "org.apache.iceberg.spark.SparkCatalog");
    settings.icebergProperties().forEach((key, value) -> conf.put(catalog + "." + key, value));
    conf.put(catalog + ".default-namespace", settings.namespace());
    // No cached table metadata: the sink commits every few seconds and a long-running Thrift server must see it.
    conf.put(catalog + ".cache-enabled", "false");
    conf.put("spark.sql.defaultCatalog", LakehouseSettings.CATALOG);
    conf.put("spark.sql.session.timeZone", "UTC");
    // Local data is small per query: 200 shuffle partitions (Spark's default) would mostly schedule empty tasks.
    conf.put("spark.sql.shuffle.partitions", "4");
    conf.put("spark.driver.host", "localhost");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.local.dir", spark.resolve("tmp").toString());
    conf.put("spark.sql.warehouse.dir", spark.resolve("spark-warehouse").toUri().toString());
    conf.put("spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + spark.resolve("metastore_db") + ";create=true");
    conf.putAll(settings.sparkConf());
    return conf;
  }

  /** Starts (or returns the running) session named {@code appName}. */
  public static SparkSession open(LakehouseSettings settings, String appName) {
    settings.createLocalDirectories();
    // Derby (the Thrift server's execution metastore) writes derby.log and metastore_db relative to this.
    System.setProperty("derby.system.home", settings.sparkDirectory().toString());
    var builder = SparkSession.builder().appName(appName);
    conf(settings).forEach(builder::config);
    return builder.getOrCreate();
  }
}
