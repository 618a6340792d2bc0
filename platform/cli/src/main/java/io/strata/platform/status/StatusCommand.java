package io.strata.platform.status;

import io.strata.platform.DataDirOption;
import io.strata.platform.Environment;
import io.strata.platform.Printer;
import io.strata.platform.runtime.RuntimeFile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata status}: is the platform that {@code up} started in this data directory healthy? */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Check the components of the running platform. Exits 1 when one is unhealthy or nothing runs.")
public final class StatusCommand implements Callable<Integer> {

  static final Duration TIMEOUT = Duration.ofSeconds(3);

  @Mixin
  DataDirOption dataDir = new DataDirOption();

  @Option(names = "--json", description = "Print {\"components\":[{\"name\",\"url\",\"healthy\"}...]} instead of a table")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    var printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
    var directory = dataDir.resolve(Environment.system());
    var runtime = new RuntimeFile(directory).read();

    var checks = new HealthChecks(TIMEOUT);
    var report = new StatusReport(runtime.map(r -> r.components().stream().map(checks::check).toList()).orElse(List.of()));
    if (json) {
      printer.line(report.toJson());
    } else if (runtime.isPresent()) {
      report.toTable().forEach(printer::line);
    }
    if (runtime.isEmpty()) {
      printer.error("Strata is not running in " + directory + " (no " + RuntimeFile.NAME + " there). "
          + "Start it with ./strata up, or give the --data-dir it was started with.");
    } else if (!report.healthy()) {
      printer.error("Some components do not answer. If Strata was stopped, start it again with ./strata up; "
          + "otherwise see the logs in " + directory.resolve("logs") + ".");
    }
    return report.healthy() ? 0 : 1;
  }
}
