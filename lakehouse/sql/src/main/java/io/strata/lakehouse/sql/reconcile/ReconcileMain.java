package io.strata.lakehouse.sql.reconcile;

import io.strata.lakehouse.sql.Lakehouse;
import io.strata.lakehouse.sql.LakehouseOptions;
import io.strata.lakehouse.sql.LakehouseSettings;
import io.strata.lakehouse.sql.SqlLogging;
import io.strata.lakehouse.sql.TextTable;
import io.strata.lakehouse.tables.TableNames;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata reconcile}: compares each topic with its table, per partition, and prints a table plus one
 * line per problem. Exit code 0 when every table matches its topic, 1 when one does not, 2 on bad arguments.
 */
@Command(name = "strata reconcile", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compare each topic with its lakehouse table, per partition: every record offset must be exactly one row.",
        "Exits 1 on gaps, duplicates, rows the topic never had, or (without --allow-behind) records the sink has not committed yet."})
public final class ReconcileMain implements Callable<Integer> {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      defaultValue = "${env:STRATA_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka (env STRATA_KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)")
  String bootstrapServers;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "A topic to reconcile (repeatable; default every lakehouse topic)")
  List<String> topics = new ArrayList<>();

  @Option(names = "--allow-behind", description = "Do not fail on records after the table's newest row (the sink's commit interval)")
  boolean allowBehind;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "Further Kafka client setting, e.g. security.protocol=SSL")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Mixin
  LakehouseOptions lakehouse = new LakehouseOptions();

  public static void main(String[] args) {
    var commandLine = new CommandLine(new ReconcileMain());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("strata reconcile: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 2;
    });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    LakehouseSettings settings = lakehouse.settings();
    SqlLogging.toFile(settings.logFile());
    List<String> names = topics.isEmpty() ? TableNames.lakehouseTopics().stream().map(t -> t.name()).toList() : topics;
    Map<String, Object> client = new HashMap<>(kafkaProperties);
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    Catalog catalog = settings.openCatalog();
    List<TopicReconciliation.TopicReport> reports = new ArrayList<>();
    try (var reconciliation = new TopicReconciliation(client, catalog, settings.icebergNamespace())) {
      for (String topic : names) {
        reports.add(reconciliation.reconcile(topic));
      }
    } finally {
      Lakehouse.close(catalog);
    }
    print(reports, allowBehind, System.out);
    return reports.stream().allMatch(r -> r.ok(allowBehind)) ? 0 : 1;
  }

  /** Prints the per-partition table, then the problems. */
  static void print(List<TopicReconciliation.TopicReport> reports, boolean allowBehind, PrintStream out) {
    List<List<String>> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (var report : reports) {
      if (report.problem() != null) {
        problems.add(report.topic() + ": " + report.problem());
      }
      for (PartitionReport p : report.partitions()) {
        rows.add(List.of(p.topic(), Integer.toString(p.partition()), p.earliest() + ".." + p.end(),
            Long.toString(p.records()), Long.toString(p.rows()), Long.toString(p.gaps()), Long.toString(p.duplicates()),
            Long.toString(p.unexpected()), Long.toString(p.behind()), p.status()));
        if (!p.ok(allowBehind)) {
          problems.add(p.topic() + "/" + p.partition() + ": " + p.status() + " " + String.join(", ", p.examples()));
        }
      }
    }
    TextTable.render(List.of("topic", "partition", "offsets", "records", "rows", "gaps", "duplicates", "unexpected",
        "behind", "status"), rows).forEach(out::println);
    if (problems.isEmpty()) {
      out.println("All " + reports.size() + " topics match their tables.");
    } else {
      problems.forEach(out::println);
    }
    out.flush();
  }
}
