package io.strata.platform.sql;

import picocli.CommandLine.Command;

/** {@code strata sql}: Spark SQL over the lakehouse. */
@Command(name = "sql", description = {"Spark SQL over the lakehouse: ./strata sql \"SELECT ...\" [--format table|json|csv],",
    "or ./strata sql for the interactive mode (statements end with ';'). ./strata sql --help for every option."})
public final class SqlCommand extends LakehouseCommand {

  @Override
  String mainClass() {
    return LakehouseProcesses.SQL_MAIN;
  }
}
