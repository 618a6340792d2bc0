package io.strata.platform.sql;

import picocli.CommandLine.Command;

/** {@code strata sql-server}: the JDBC endpoint (Spark Thrift Server) in the foreground. */
@Command(name = "sql-server", description = {"Serve the lakehouse over JDBC for BI tools and beeline "
    + "(jdbc:hive2://localhost:10000/strata) until stopped. ./strata sql-server --help for every option."})
public final class SqlServerCommand extends LakehouseCommand {

  @Override
  String mainClass() {
    return LakehouseProcesses.THRIFT_SERVER_MAIN;
  }
}
