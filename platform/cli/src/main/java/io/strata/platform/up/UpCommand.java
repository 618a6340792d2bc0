package io.strata.platform.up;

import io.strata.platform.Environment;
import io.strata.platform.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata up}: the platform on this machine, in the foreground. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the platform (embedded Kafka broker and schema registry) in the foreground; Ctrl-C stops it.")
public final class UpCommand implements Callable<Integer> {

  @Mixin
  UpOptions options = new UpOptions();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    var printer = new Printer(spec.commandLine().getOut(), spec.commandLine().getErr());
    return Up.runInForeground(options.resolve(Environment.system()), printer);
  }
}
