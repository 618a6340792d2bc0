package io.strata.lakehouse.sql;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata sql}: runs the SQL statement given as arguments and prints its result, or, without one,
 * reads statements ending with {@code ;} from the terminal or standard input (the interactive mode).
 * Exit code 0 when every statement ran, 1 when one failed, 2 on bad arguments.
 */
@Command(name = "strata sql", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Spark SQL over the lakehouse tables (one per topic: api_calls, samples, ...) and the lineage views.",
        "With a statement: run it and print the result. Without: read statements ending with ';' from the terminal or stdin."})
public final class SqlMain implements Callable<Integer> {

  @Parameters(paramLabel = "STATEMENT", arity = "0..*", description = "The SQL statement (words are joined with spaces)")
  List<String> statement = List.of();

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements (ending with ';') in FILE")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json (one object per row) or csv; default table")
  String format;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "Print at most N rows (default 1000)")
  int maxRows;

  @Mixin
  LakehouseOptions lakehouse = new LakehouseOptions();

  public static void main(String[] args) {
    System.exit(commandLine(new SqlMain()).execute(args));
  }

  /** A command line whose failures are one line on standard error. */
  static CommandLine commandLine(Object command) {
    var commandLine = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println(cmd.getCommandName() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    });
    return commandLine;
  }

  @Override
  public Integer call() throws Exception {
    ResultFormat resultFormat = parseFormat(format);
    LakehouseSettings settings = lakehouse.settings();
    SqlLogging.toFile(settings.logFile());
    SparkSession spark = Lakehouse.open(settings, "strata-sql");
    try {
      SqlRunner runner = new SqlRunner(spark, resultFormat, maxRows);
      if (!statement.isEmpty()) {
        String sql = String.join(" ", statement).strip();
        runner.run(sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql, System.out);
        return 0;
      }
      BufferedReader in = file != null ? Files.newBufferedReader(file)
          : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      boolean interactive = file == null && System.console() != null;
      if (interactive) {
        System.err.println("Spark SQL over catalog " + LakehouseSettings.CATALOG + ", namespace " + settings.namespace()
            + ". End statements with ';', quit with 'quit;' or Ctrl-D. Logs: " + settings.logFile());
      }
      try (in) {
        int failed = new Repl(in, System.err, interactive).run(sql -> runner.run(sql, System.out));
        return failed == 0 || interactive ? 0 : 1;
      }
    } finally {
      spark.stop();
    }
  }

  static ResultFormat parseFormat(String text) {
    try {
      return ResultFormat.valueOf(text.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(new SqlMain()),
          "--format '" + text + "' is not known; give table, json or csv");
    }
  }
}
