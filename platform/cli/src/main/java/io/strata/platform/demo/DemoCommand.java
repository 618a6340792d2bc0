package io.strata.platform.demo;

import io.strata.platform.Environment;
import io.strata.platform.Printer;
import io.strata.platform.up.Up;
import io.strata.platform.up.UpOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata demo}: for now the same as {@code up}; the guided demo comes with the ingestion and training work. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the platform for a demo (for now: the same as 'up').")
public final class DemoCommand implements Callable<Integer> {

  @Mixin
  UpOptions options = new UpOptions();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    var printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
    printer.line("The guided demo is not built yet; 'demo' runs 'up' for now.");
    return Up.runInForeground(options.resolve(Environment.system()), printer);
  }
}
