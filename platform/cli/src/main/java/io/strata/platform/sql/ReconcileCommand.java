package io.strata.platform.sql;

import io.strata.platform.Environment;
import io.strata.platform.runtime.Component;
import io.strata.platform.runtime.RuntimeFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code strata reconcile}: topic vs. table, per partition. Kafka is the one {@code --bootstrap-servers}
 * names, else {@code STRATA_KAFKA_BOOTSTRAP_SERVERS}, else the broker the running {@code strata up} announced.
 */
@Command(name = "reconcile", description = {"Compare each topic with its lakehouse table per partition (offsets and "
    + "counts); exits 1 on gaps or duplicates. ./strata reconcile --help for every option."})
public final class ReconcileCommand extends LakehouseCommand {

  static final String BOOTSTRAP_VARIABLE = "STRATA_KAFKA_BOOTSTRAP_SERVERS";

  @Override
  String mainClass() {
    return LakehouseProcesses.RECONCILE_MAIN;
  }

  @Override
  List<String> childArgs(Environment environment, Path dataDirectory) {
    return withBootstrap(args, environment, new RuntimeFile(dataDirectory));
  }

  static List<String> withBootstrap(List<String> args, Environment environment, RuntimeFile runtime) {
    boolean given = args.stream().anyMatch(a -> a.equals("--bootstrap-servers") || a.startsWith("--bootstrap-servers="));
    if (given || environment.resolve(null, BOOTSTRAP_VARIABLE, null) != null) {
      return args;
    }
    return runtime.read()
        .flatMap(content -> content.components().stream().filter(c -> c.name().equals(Component.KAFKA)).findFirst())
        .map(kafka -> {
          List<String> all = new ArrayList<>(List.of("--bootstrap-servers", kafka.url()));
          all.addAll(args);
          return all;
        })
        .orElse(args);
  }
}
