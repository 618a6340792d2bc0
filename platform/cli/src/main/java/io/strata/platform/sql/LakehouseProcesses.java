package io.strata.platform.sql;

import io.strata.platform.Environment;
import io.strata.platform.runtime.ModuleProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The child JVMs of the lakehouse commands: module {@value #MODULE}, one main per command, Spark's JVM options.
 * {@code strata up} uses {@link #process} with {@link #THRIFT_SERVER_MAIN} to run the JDBC endpoint (ChildProcesses).
 */
public final class LakehouseProcesses {

  /** The module (directory under the Strata home) whose mains these are. */
  public static final String MODULE = "lakehouse/sql";
  /** {@code strata sql}: one statement, or the interactive mode without one. */
  public static final String SQL_MAIN = "io.strata.lakehouse.sql.SqlMain";
  /** {@code strata sql-server}: Spark's Thrift server, {@code jdbc:hive2://localhost:10000/strata}. */
  public static final String THRIFT_SERVER_MAIN = "io.strata.lakehouse.sql.ThriftServerMain";
  /** {@code strata maintain}. */
  public static final String MAINTAIN_MAIN = "io.strata.lakehouse.sql.maintain.MaintainMain";
  /** {@code strata reconcile}. */
  public static final String RECONCILE_MAIN = "io.strata.lakehouse.sql.reconcile.ReconcileMain";

  /** Extra JVM options (heap, GC) of the child, replacing {@value #DEFAULT_HEAP}. */
  public static final String JAVA_OPTS_VARIABLE = "STRATA_SQL_JAVA_OPTS";
  static final String DEFAULT_HEAP = "-Xmx1g";

  /**
   * What Spark 3.5 needs on Java 17: without these opens, Spark's and Arrow's reflection fails (the Iceberg
   * vectorized read asks for {@code java.nio}).
   */
  public static final List<String> SPARK_JVM_OPTIONS = List.of(
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false");

  private LakehouseProcesses() {}

  /** The JVM options of a lakehouse child: Spark's opens, then the heap ({@value #JAVA_OPTS_VARIABLE} or 1 GiB). */
  public static List<String> jvmOptions(Environment environment) {
    List<String> options = new ArrayList<>(SPARK_JVM_OPTIONS);
    String extra = environment.resolve(null, JAVA_OPTS_VARIABLE, DEFAULT_HEAP);
    options.addAll(Arrays.stream(extra.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    return options;
  }

  /** A child running {@code mainClass} on data directory {@code dataDirectory} with {@code args} after it. */
  public static ModuleProcess.Builder process(Environment environment, String mainClass, Path dataDirectory,
      List<String> args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dataDirectory.toString()));
    all.addAll(args);
    return ModuleProcess.builder(ModuleProcess.home(environment.variables()), MODULE, mainClass)
        .jvmOptions(jvmOptions(environment))
        .args(all);
  }
}
