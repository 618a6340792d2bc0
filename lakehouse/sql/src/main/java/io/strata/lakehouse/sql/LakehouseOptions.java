package io.strata.lakehouse.sql;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The catalog options every lakehouse main takes. A flag wins over its environment variable, which wins
 * over the embedded default under the data directory.
 */
public final class LakehouseOptions {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:STRATA_DATA_DIR:-./strata-data}",
      description = "Strata's data directory (env STRATA_DATA_DIR, default ./strata-data)")
  Path dataDir;

  @Option(names = "--catalog-type", paramLabel = "TYPE", defaultValue = "${env:STRATA_CATALOG_TYPE:-jdbc}",
      description = "Iceberg catalog type: jdbc (SQLite, PostgreSQL) or rest (env STRATA_CATALOG_TYPE, default jdbc)")
  String catalogType;

  @Option(names = "--catalog-uri", paramLabel = "URI", defaultValue = "${env:STRATA_CATALOG_URI}",
      description = "Catalog URI, e.g. jdbc:postgresql://db/iceberg or http://catalog:8181 "
          + "(env STRATA_CATALOG_URI, default the SQLite file <data-dir>/lakehouse/catalog.db)")
  String catalogUri;

  @Option(names = "--warehouse", paramLabel = "LOCATION", defaultValue = "${env:STRATA_WAREHOUSE}",
      description = "Warehouse location, e.g. s3://bucket/warehouse (env STRATA_WAREHOUSE, default "
          + "<data-dir>/lakehouse/warehouse)")
  String warehouse;

  @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "${env:STRATA_NAMESPACE:-strata}",
      description = "Namespace of the tables (env STRATA_NAMESPACE, default strata)")
  String namespace;

  @Option(names = "--catalog-property", paramLabel = "KEY=VALUE",
      description = "Further Iceberg catalog property, e.g. jdbc.user=strata or io-impl=org.apache.iceberg.aws.s3.S3FileIO")
  Map<String, String> catalogProperties = new LinkedHashMap<>();

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "Further Spark setting, e.g. spark.master=local[2]")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  /** The settings these options describe. */
  public LakehouseSettings settings() {
    if (!catalogType.equals("jdbc") && catalogUri == null) {
      throw new IllegalArgumentException("--catalog-type " + catalogType + " needs --catalog-uri (or STRATA_CATALOG_URI)");
    }
    LakehouseSettings embedded = LakehouseSettings.embedded(dataDir);
    return new LakehouseSettings(dataDir, catalogType, catalogUri == null ? embedded.catalogUri() : catalogUri,
        warehouse == null ? embedded.warehouse() : warehouse, namespace, catalogProperties, sparkConf);
  }
}
