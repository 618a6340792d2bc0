package io.strata.platform;

import io.strata.platform.app.AppCommand;
import io.strata.platform.demo.DemoCommand;
import io.strata.platform.ingest.IngestCommand;
import io.strata.platform.predict.PredictCommand;
import io.strata.platform.status.StatusCommand;
import io.strata.platform.tenant.TenantCommand;
import io.strata.platform.up.UpCommand;
import io.strata.platform.sql.CatalogServerCommand;
import io.strata.platform.sql.MaintainCommand;
import io.strata.platform.sql.ReconcileCommand;
import io.strata.platform.sql.SqlCommand;
import io.strata.platform.sql.SqlServerCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code strata} command. */
@Command(name = "strata", mixinStandardHelpOptions = true, version = "Strata 0.1.0-SNAPSHOT",
    description = "Strata: an event-sourced AI platform on Apache Kafka.",
    subcommands = {UpCommand.class, StatusCommand.class, DemoCommand.class, TenantCommand.class, AppCommand.class,
        IngestCommand.class, PredictCommand.class,
        SqlCommand.class, SqlServerCommand.class, CatalogServerCommand.class, MaintainCommand.class,
        ReconcileCommand.class,
        CommandLine.HelpCommand.class})
public final class StrataCli implements Runnable {

  /**
   * The command line's own logging configuration, chosen before anything logs: named explicitly because
   * component jars may bring a {@code logback.xml} of their own.
   */
  static final String LOGGING_CONFIGURATION = "strata-logback-console.xml";

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING_CONFIGURATION);
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, with errors turned into one readable line on standard error (the stack trace goes to the
   * log) and exit code 1.
   */
  public static CommandLine commandLine() {
    var commandLine = new CommandLine(new StrataCli());
    commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
      LoggerFactory.getLogger(StrataCli.class).error("strata {} failed", failed.getCommandName(), exception);
      new Printer(failed.getOut(), failed.getErr()).error("strata " + failed.getCommandName() + ": " + describe(exception));
      return 1;
    });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Say what to do: strata up | status | demo | tenant | app");
  }

  private static String describe(Throwable exception) {
    var message = exception.getMessage();
    return message == null ? exception.getClass().getSimpleName() : message;
  }
}
