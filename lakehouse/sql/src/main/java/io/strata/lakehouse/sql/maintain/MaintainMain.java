package io.strata.lakehouse.sql.maintain;

import io.strata.lakehouse.sql.LakehouseOptions;
import io.strata.lakehouse.sql.LakehouseSettings;
import io.strata.lakehouse.sql.SparkSessions;
import io.strata.lakehouse.sql.SqlLogging;
import io.strata.lakehouse.tables.TableNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata maintain}: compacts, expires snapshots and removes orphan files in every lakehouse table (or
 * the given ones) and prints one line per table. Exit code 0 when every table was maintained, 1 otherwise.
 * Run it from cron (or any scheduler) for scheduled maintenance; it is safe while the sink commits.
 */
@Command(name = "strata maintain", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compact small files, expire old snapshots and remove orphan files in the lakehouse tables.")
public final class MaintainMain implements Callable<Integer> {

  @Option(names = "--table", paramLabel = "TABLE", description = "A table to maintain (repeatable; default all topic tables)")
  List<String> tables = new ArrayList<>();

  @Option(names = "--min-input-files", paramLabel = "N", defaultValue = "${env:STRATA_MAINTAIN_MIN_INPUT_FILES:-5}",
      description = "Compact a partition only from N files on (default 5)")
  int minInputFiles;

  @Option(names = "--target-file-size", paramLabel = "BYTES", defaultValue = "${env:STRATA_MAINTAIN_TARGET_FILE_SIZE:-134217728}",
      description = "Target size of compacted files (default 128 MiB)")
  long targetFileSize;

  @Option(names = "--expire-older-than", paramLabel = "DURATION", defaultValue = "${env:STRATA_MAINTAIN_EXPIRE_OLDER_THAN:-P5D}",
      description = "Expire snapshots older than this ISO-8601 duration (default P5D)")
  Duration expireOlderThan;

  @Option(names = "--retain-last", paramLabel = "N", defaultValue = "${env:STRATA_MAINTAIN_RETAIN_LAST:-10}",
      description = "Always keep the newest N snapshots (default 10)")
  int retainLast;

  @Option(names = "--orphan-older-than", paramLabel = "DURATION", defaultValue = "${env:STRATA_MAINTAIN_ORPHAN_OLDER_THAN:-P3D}",
      description = "Remove unreferenced files older than this ISO-8601 duration (default P3D, at least PT1H)")
  Duration orphanOlderThan;

  @Option(names = "--dry-run", description = "Say what would be expired and removed; change nothing")
  boolean dryRun;

  @Mixin
  LakehouseOptions lakehouse = new LakehouseOptions();

  public static void main(String[] args) {
    var commandLine = new CommandLine(new MaintainMain());
    commandLine.registerConverter(Duration.class, Duration::parse);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("strata maintain: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() {
    var policy = new MaintenancePolicy(minInputFiles, targetFileSize, expireOlderThan, retainLast, orphanOlderThan, dryRun);
    LakehouseSettings settings = lakehouse.settings();
    SqlLogging.toFile(settings.logFile());
    List<String> names = tables.isEmpty()
        ? TableNames.lakehouseTopics().stream().map(t -> TableNames.tableName(t.name())).toList() : tables;
    SparkSession spark = SparkSessions.open(settings, "strata-maintain");
    try {
      var maintenance = new TableMaintenance(spark, LakehouseSettings.CATALOG, policy, Clock.systemUTC());
      int failed = 0;
      for (String name : names) {
        String table = name.contains(".") ? name : settings.namespace() + "." + name;
        if (!spark.catalog().tableExists(LakehouseSettings.CATALOG + "." + table)) {
          System.out.println(table + ": no such table, skipped");
          continue;
        }
        var result = maintenance.maintain(table);
        failed += result.error() == null ? 0 : 1;
        System.out.println(result.describe(dryRun));
      }
      return failed == 0 ? 0 : 1;
    } finally {
      spark.stop();
    }
  }
}
