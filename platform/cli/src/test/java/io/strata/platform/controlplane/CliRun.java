package io.strata.platform.controlplane;

import io.strata.platform.StrataCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code strata} command line in-process, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun of(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    int exitCode = StrataCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
