package io.strata.lakehouse.sql;

import java.nio.file.Path;

/**
 * Sends Spark's, Hive's and Iceberg's logging to a file, so that the console shows results only. Must run
 * before anything logs: Log4j reads its configuration once.
 */
public final class SqlLogging {

  /** The Log4j 2 configuration on the classpath. */
  static final String CONFIGURATION = "strata-sql-log4j2.properties";
  /** System property naming the log file, read by that configuration. */
  static final String LOG_FILE_PROPERTY = "strata.sql.log";

  private SqlLogging() {}

  /** Points Log4j at {@code logFile} unless the process was given its own configuration. */
  public static void toFile(Path logFile) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", CONFIGURATION);
    }
    if (System.getProperty(LOG_FILE_PROPERTY) == null) {
      System.setProperty(LOG_FILE_PROPERTY, logFile.toAbsolutePath().toString());
    }
  }
}
