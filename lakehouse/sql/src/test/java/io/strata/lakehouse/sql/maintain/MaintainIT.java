package io.strata.lakehouse.sql.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.lakehouse.sql.Lakehouse;
import io.strata.lakehouse.sql.LakehouseSettings;
import io.strata.lakehouse.sql.SparkSessions;
import io.strata.lakehouse.sql.SqlLogging;
import io.strata.lakehouse.sql.testing.Rows;
import io.strata.lakehouse.sql.testing.TableWriter;
import io.strata.lakehouse.tables.LakehouseTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maintenance on tables with many small files, through Iceberg's Spark procedures. One Spark session. */
class MaintainIT {

  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);

  @TempDir
  static Path dir;

  static Catalog catalog;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    var settings = LakehouseSettings.embedded(dir);
    SqlLogging.toFile(settings.logFile());
    catalog = settings.openCatalog();
    LakehouseTables.ensure(catalog, settings.icebergNamespace());
    spark = SparkSessions.open(settings, "maintain-it");
  }

  @AfterAll
  static void stop() {
    spark.stop();
    Lakehouse.close(catalog);
  }

  @Test
  void shouldCompactSmallFilesExpireSnapshotsAndRemoveOrphansKeepingEveryRow() throws Exception {
    Table table = writeOneFilePerCommit("samples", 12);
    List<String> rowsBefore = rows("samples");
    Path orphan = plantOrphan(table);
    var policy = new MaintenancePolicy(2, 128L * 1024 * 1024, Duration.ZERO, 1, Duration.ofDays(1), false);

    var result = new TableMaintenance(spark, "strata", policy, Clock.systemUTC()).maintain("strata.samples");

    assertThat(result.error()).isNull();
    assertThat(result.rewrittenFiles()).isEqualTo(12);
    assertThat(result.addedFiles()).isEqualTo(1);
    assertThat(count("strata.strata.samples.files")).isEqualTo(1);
    assertThat(rows("samples")).isEqualTo(rowsBefore).hasSize(12);
    assertThat(result.expiredSnapshots()).isEqualTo(12);
    assertThat(count("strata.strata.samples.snapshots")).isEqualTo(1);
    assertThat(result.orphanFiles()).isEqualTo(1);
    assertThat(orphan).doesNotExist();
    assertThat(result.describe(false)).isEqualTo("strata.samples: compacted 12 files into 1 (" + result.rewrittenBytes()
        + " bytes); expired 12 snapshots (deleted 12 data files, " + result.deletedManifestFiles()
        + " manifests); removed 1 orphan files");
  }

  @Test
  void shouldChangeNothingInADryRunAndKeepTheNewestSnapshots() throws Exception {
    Table table = writeOneFilePerCommit("labels", 4);
    Path orphan = plantOrphan(table);
    var policy = new MaintenancePolicy(2, 128L * 1024 * 1024, Duration.ZERO, 3, Duration.ofDays(1), true);

    var result = new TableMaintenance(spark, "strata", policy, Clock.systemUTC()).maintain("strata.labels");

    assertThat(result.error()).isNull();
    assertThat(result.expiredSnapshots()).as("4 snapshots, the newest 3 kept").isEqualTo(1);
    assertThat(result.orphanFiles()).isEqualTo(1);
    assertThat(orphan).exists();
    assertThat(count("strata.strata.labels.files")).isEqualTo(4);
    assertThat(count("strata.strata.labels.snapshots")).isEqualTo(4);
  }

  @Test
  void shouldReportAFailedTableAndNotThrow() {
    var result = new TableMaintenance(spark, "strata", MaintenancePolicy.DEFAULT, Clock.systemUTC())
        .maintain("strata.no_such_table");

    assertThat(result.error()).isNotBlank();
    assertThat(result.describe(false)).startsWith("strata.no_such_table: FAILED ");
  }

  private static Table writeOneFilePerCommit(String name, int files) {
    Table table = catalog.loadTable(TableIdentifier.of("strata", name));
    for (int i = 0; i < files; i++) {
      TableWriter.append(table, List.of(Rows.row(table.schema(), Map.of("eventId", name + "-" + i, "tenantId", "acme",
          "producer", "test", "occurredAt", T0.plusSeconds(i), "_kafka_offset", (long) i,
          "_kafka_append_time", T0.plusSeconds(i)))));
    }
    table.refresh();
    return table;
  }

  private static Path plantOrphan(Table table) throws Exception {
    Path data = Path.of(java.net.URI.create(table.location())).resolve("data");
    Files.createDirectories(data);
    Path orphan = data.resolve("left-by-a-crashed-writer.parquet");
    Files.writeString(orphan, "not referenced by any snapshot");
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    return orphan;
  }

  private static long count(String metadataTable) {
    return spark.sql("SELECT count(*) FROM " + metadataTable).first().getLong(0);
  }

  private static List<String> rows(String table) {
    return spark.sql("SELECT * FROM strata.strata." + table + " ORDER BY eventId").collectAsList().stream()
        .map(Object::toString).toList();
  }
}
