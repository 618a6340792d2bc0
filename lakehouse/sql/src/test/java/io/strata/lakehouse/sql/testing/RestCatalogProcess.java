package io.strata.lakehouse.sql.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Strata's Iceberg REST catalog server ({@code io.strata.lakehouse.catalog.RestCatalogServer}) in a JVM of its
 * own, with the lakehouse module's classpath: it cannot run inside a Spark JVM, whose iceberg-spark-runtime
 * bundles Iceberg's classes with a relocated Jackson (Iceberg's REST serializers then want the relocated
 * {@code ObjectMapper}).
 */
public final class RestCatalogProcess implements AutoCloseable {

  private static final Path LAKEHOUSE_MODULE = Path.of("..").toAbsolutePath().normalize();
  private static final Duration START = Duration.ofSeconds(60);

  private final Process process;
  private final int port;

  private RestCatalogProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server on the SQLite catalog in {@code lakehouseDirectory} and waits until it is healthy. */
  public static RestCatalogProcess start(Path lakehouseDirectory, Path tokenFile) throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path target = LAKEHOUSE_MODULE.resolve("target");
    String classpath = target.resolve("classes") + File.pathSeparator
        + Files.readString(target.resolve("classpath.txt")).strip();
    Path log = lakehouseDirectory.resolveSibling("rest-catalog.log");
    Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
        "io.strata.lakehouse.catalog.RestCatalogServer", "--host=127.0.0.1", "--port=" + port,
        "--data.dir=" + lakehouseDirectory, "--token.file=" + tokenFile))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RestCatalogProcess server = new RestCatalogProcess(process, port);
    try {
      server.awaitHealthy(log);
      return server;
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  private void awaitHealthy(Path log) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The REST catalog server exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(uri() + "/health")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("The REST catalog server was not healthy within " + START + ": "
        + Files.readString(log));
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
