package io.strata.lakehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.lakehouse.sql.testing.Rows;
import io.strata.lakehouse.sql.testing.S3ProxyProcess;
import io.strata.lakehouse.sql.testing.TableWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata sql} over an S3 warehouse by configuration only: the embedded SQLite catalog with
 * {@code --warehouse s3://...} and the S3FileIO properties docs/sql.md lists, against a real S3 server
 * ({@link S3ProxyProcess}). The tables are created, rows written through the catalog's S3FileIO, and Spark SQL
 * reads them back; every table file is in the bucket.
 */
class SqlS3IT {

  private static final String BUCKET = "lakehouse";

  @TempDir
  Path dir;

  @Test
  void shouldCreateWriteAndQueryTablesInAnS3Warehouse() throws Exception {
    // S3Proxy, like older MinIO and Ceph releases, does not implement the SDK's default flexible checksums:
    // what AWS_REQUEST_CHECKSUM_CALCULATION / AWS_RESPONSE_CHECKSUM_VALIDATION=when_required do for strata sql.
    System.setProperty("aws.requestChecksumCalculation", "when_required");
    System.setProperty("aws.responseChecksumValidation", "when_required");
    try (var s3 = S3ProxyProcess.start(dir, BUCKET)) {
      LakehouseSettings embedded = LakehouseSettings.embedded(dir);
      LakehouseSettings settings = new LakehouseSettings(dir, "jdbc", embedded.catalogUri(),
          "s3://" + BUCKET + "/warehouse", "strata", Map.of(
              "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
              "s3.client-factory-impl", "org.apache.iceberg.aws.s3.DefaultS3FileIOAwsClientFactory",
              "http-client.type", "urlconnection",
              "client.region", "us-east-1",
              "s3.endpoint", s3.endpoint(),
              "s3.path-style-access", "true",
              "s3.access-key-id", S3ProxyProcess.IDENTITY,
              "s3.secret-access-key", S3ProxyProcess.CREDENTIAL),
          Map.of());
      SqlLogging.toFile(settings.logFile());
      SparkSession spark = Lakehouse.open(settings, "sql-s3-it");
      Catalog catalog = settings.openCatalog();
      try {
        Table apiCalls = catalog.loadTable(TableIdentifier.of("strata", "api_calls"));
        assertThat(apiCalls.location()).startsWith("s3://" + BUCKET + "/warehouse/");
        TableWriter.append(apiCalls, List.of(apiCall(apiCalls, "s3-1", "app-a", 0), apiCall(apiCalls, "s3-2", "app-b", 1)));

        var lines = new SqlRunner(spark, ResultFormat.CSV, 100).lines(spark.sql(
            "SELECT appKey, count(*) AS calls FROM api_calls GROUP BY appKey ORDER BY appKey"));

        assertThat(lines).containsExactly("appKey,calls", "app-a,1", "app-b,1");
        try (Stream<Path> files = Files.walk(s3.root().resolve(BUCKET))) {
          assertThat(files.map(Path::toString)).as("table files in the bucket")
              .anyMatch(name -> name.endsWith(".parquet")).anyMatch(name -> name.endsWith(".metadata.json"));
        }
      } finally {
        spark.stop();
        Lakehouse.close(catalog);
      }
    }
  }

  private static Record apiCall(Table table, String requestId, String appKey, long offset) {
    return Rows.row(table.schema(), Map.ofEntries(Map.entry("eventId", "e-" + requestId),
        Map.entry("tenantId", "acme"), Map.entry("producer", "test"), Map.entry("occurredAt", SqlIT.T0),
        Map.entry("requestId", requestId), Map.entry("appKey", appKey), Map.entry("api", "classify"),
        Map.entry("status", 200), Map.entry("_kafka_offset", offset), Map.entry("_kafka_append_time", SqlIT.T0)));
  }
}
