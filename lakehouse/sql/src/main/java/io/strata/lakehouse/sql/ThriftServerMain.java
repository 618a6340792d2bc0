package io.strata.lakehouse.sql;

import com.sun.net.httpserver.HttpServer;
import io.strata.observability.http.Health;
import io.strata.observability.http.ObservabilityEndpoints;
import io.strata.observability.metrics.ComponentMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The JDBC/ODBC endpoint for BI tools and {@code beeline}: Spark's Thrift server (HiveServer2 protocol) over
 * the same session as {@code strata sql}, so the tables and lineage views are there. Connect with
 * {@code jdbc:hive2://HOST:PORT/strata} (the path is the namespace; without it the driver asks for {@code default}, which does not exist) (no user or password on the embedded default; bind it to localhost or
 * put it behind a proxy that authenticates). Runs until stopped (SIGTERM, Ctrl-C).
 */
@Command(name = "strata sql-server", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve the lakehouse over JDBC (Spark Thrift Server): jdbc:hive2://HOST:PORT/strata")
public final class ThriftServerMain implements Callable<Integer> {

  /** The usual HiveServer2 port. */
  public static final int DEFAULT_PORT = 10000;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:STRATA_SQL_PORT:-10000}",
      description = "TCP port (env STRATA_SQL_PORT, default 10000)")
  int port;

  @Option(names = "--bind", paramLabel = "HOST", defaultValue = "${env:STRATA_SQL_BIND:-localhost}",
      description = "Address to listen on (env STRATA_SQL_BIND, default localhost)")
  String bind;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:STRATA_SQL_HTTP_PORT:--1}",
      description = "Also serve /health and /metrics (Prometheus) on this port (env STRATA_SQL_HTTP_PORT; "
          + "default: not served)")
  int httpPort;

  @Mixin
  LakehouseOptions lakehouse = new LakehouseOptions();

  public static void main(String[] args) {
    System.exit(SqlMain.commandLine(new ThriftServerMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    LakehouseSettings settings = lakehouse.settings();
    SqlLogging.toFile(settings.logFile());
    SparkSession spark = start(settings, bind, port);
    System.out.println("Strata SQL server listening on jdbc:hive2://" + bind + ":" + port + "/" + settings.namespace() + " (logs: "
        + settings.logFile() + ")");
    System.out.flush();
    HttpServer observability = httpPort < 0 ? null : observability(spark);
    if (observability != null) {
      System.out.println("Health and metrics on http://" + bind + ":" + httpPort + "/health and /metrics");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (observability != null) {
        observability.stop(0);
      }
      spark.stop();
      stopped.countDown();
    }, "strata-sql-server-stop"));
    stopped.await();
    return 0;
  }

  /**
   * {@code /health} (UP while the Spark session runs and the Thrift port accepts connections) and {@code /metrics}
   * (JVM and process) on {@link #httpPort}.
   */
  private HttpServer observability(SparkSession spark) {
    var metrics = ComponentMetrics.create("sql-server");
    String jdbc = "jdbc:hive2://" + bind + ":" + port + "/" + lakehouse.settings().namespace();
    try {
      return ObservabilityEndpoints.serve(bind, httpPort, metrics, () -> {
        boolean up = !spark.sparkContext().isStopped() && accepts(bind, port);
        return new Health(up, Map.of("jdbc", jdbc));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve /health and /metrics on port " + httpPort + " (--http-port)", e);
    }
  }

  private static boolean accepts(String host, int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Starts the Thrift server on {@code bind:port} over a lakehouse session; stopping the session stops it. */
  public static SparkSession start(LakehouseSettings settings, String bind, int port) {
    // HiveServer2 reads its settings from the Hive configuration, which takes system properties over defaults.
    System.setProperty("hive.server2.thrift.port", Integer.toString(port));
    System.setProperty("hive.server2.thrift.bind.host", bind);
    System.setProperty("hive.server2.transport.mode", "binary");
    SparkSession spark = Lakehouse.open(settings, "strata-sql-server");
    HiveThriftServer2.startWithContext(spark.sqlContext());
    return spark;
  }
}
