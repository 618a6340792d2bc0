package io.strata.platform.sql;

import io.strata.platform.DataDirOption;
import io.strata.platform.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * A command that hands its arguments to a lakehouse main in a child JVM and exits with the child's exit code.
 * {@code --help} goes to the child too, which knows the options.
 */
abstract class LakehouseCommand implements Callable<Integer> {

  @Mixin
  DataDirOption dataDir = new DataDirOption();

  @Unmatched
  List<String> args = new ArrayList<>();

  /** The main class in {@link LakehouseProcesses#MODULE}. */
  abstract String mainClass();

  /** The arguments for the child; commands add what they know (e.g. where Kafka runs). */
  List<String> childArgs(Environment environment, Path dataDirectory) {
    return args;
  }

  @Override
  public Integer call() throws Exception {
    Environment environment = Environment.system();
    Path directory = dataDir.resolve(environment);
    return LakehouseProcesses.process(environment, mainClass(), directory, childArgs(environment, directory))
        .build().run();
  }
}
