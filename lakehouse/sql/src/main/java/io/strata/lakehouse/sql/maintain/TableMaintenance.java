package io.strata.lakehouse.sql.maintain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains tables with Iceberg's Spark procedures ({@code rewrite_data_files}, {@code expire_snapshots},
 * {@code remove_orphan_files}), one table at a time, in that order: compaction first, so that the snapshots
 * it replaces can be expired in the same run. A failure on one table is reported and the others go on.
 */
public final class TableMaintenance {

  private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);

  private final SparkSession spark;
  private final String catalog;
  private final MaintenancePolicy policy;
  private final Clock clock;

  public TableMaintenance(SparkSession spark, String catalog, MaintenancePolicy policy, Clock clock) {
    this.spark = spark;
    this.catalog = catalog;
    this.policy = policy;
    this.clock = clock;
  }

  /** What was done to one table; {@code error} is null when everything succeeded. */
  public record Result(String table, long rewrittenFiles, long addedFiles, long rewrittenBytes, long expiredSnapshots,
      long deletedDataFiles, long deletedManifestFiles, long orphanFiles, String error) {

    /** One line for the console. */
    public String describe(boolean dryRun) {
      if (error != null) {
        return table + ": FAILED " + error;
      }
      if (dryRun) {
        return "%s: dry run, nothing changed; would expire %d snapshots and remove %d orphan files (compaction not planned in a dry run)"
            .formatted(table, expiredSnapshots, orphanFiles);
      }
      return "%s: compacted %d files into %d (%d bytes); expired %d snapshots (deleted %d data files, %d manifests); removed %d orphan files"
          .formatted(table, rewrittenFiles, addedFiles, rewrittenBytes, expiredSnapshots, deletedDataFiles,
              deletedManifestFiles, orphanFiles);
    }
  }

  /**
   * Maintains {@code table} ({@code namespace.name}). Procedures get the name with the catalog in front:
   * {@code strata.samples} alone would be read as table {@code samples} of catalog {@code strata}.
   */
  public Result maintain(String table) {
    try {
      long[] compacted = policy.dryRun() ? new long[3] : compact(table);
      long[] expired = expireSnapshots(table);
      long orphans = removeOrphanFiles(table);
      var result = new Result(table, compacted[0], compacted[1], compacted[2], expired[0], expired[1], expired[2],
          orphans, null);
      log.info("Maintained table table={} rewrittenFiles={} addedFiles={} expiredSnapshots={} orphanFiles={} dryRun={}",
          table, compacted[0], compacted[1], expired[0], orphans, policy.dryRun());
      return result;
    } catch (Exception e) { // AnalysisException is checked; one table's failure must not stop the others
      log.warn("Maintenance failed table={}", table, e);
      return new Result(table, 0, 0, 0, 0, 0, 0, 0, firstLine(e));
    }
  }

  private long[] compact(String table) {
    Row row = spark.sql("CALL %s.system.rewrite_data_files(table => '%s.%s', options => map('min-input-files', '%d', 'target-file-size-bytes', '%d', 'partial-progress.enabled', 'true'))"
        .formatted(catalog, catalog, table, policy.minInputFiles(), policy.targetFileSizeBytes())).first();
    return new long[] {number(row, "rewritten_data_files_count"), number(row, "added_data_files_count"),
        number(row, "rewritten_bytes_count")};
  }

  private long[] expireSnapshots(String table) {
    long before = snapshotCount(table);
    Instant olderThan = clock.instant().minus(policy.expireSnapshotsOlderThan());
    if (policy.dryRun()) {
      long expirable = spark.sql("SELECT count(*) FROM %s.%s.snapshots WHERE committed_at < TIMESTAMP '%s'"
          .formatted(catalog, table, olderThan)).first().getLong(0);
      return new long[] {Math.max(0, Math.min(expirable, before - policy.retainLastSnapshots())), 0, 0};
    }
    Row row = spark.sql("CALL %s.system.expire_snapshots(table => '%s.%s', older_than => TIMESTAMP '%s', retain_last => %d)"
        .formatted(catalog, catalog, table, olderThan, policy.retainLastSnapshots())).first();
    long deletedManifests = number(row, "deleted_manifest_files_count") + number(row, "deleted_manifest_lists_count");
    return new long[] {before - snapshotCount(table), number(row, "deleted_data_files_count"), deletedManifests};
  }

  private long removeOrphanFiles(String table) {
    Instant olderThan = clock.instant().minus(policy.orphanFilesOlderThan());
    List<Row> removed = spark.sql("CALL %s.system.remove_orphan_files(table => '%s.%s', older_than => TIMESTAMP '%s', dry_run => %s)"
        .formatted(catalog, catalog, table, olderThan, policy.dryRun())).collectAsList();
    removed.forEach(row -> log.info("Orphan file table={} file={} dryRun={}", table, row.getString(0), policy.dryRun()));
    return removed.size();
  }

  private long snapshotCount(String table) {
    return spark.sql("SELECT count(*) FROM %s.%s.snapshots".formatted(catalog, table)).first().getLong(0);
  }

  private static long number(Row row, String column) {
    return ((Number) row.get(row.fieldIndex(column))).longValue();
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
