package io.strata.lakehouse.sql.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A main of the lakehouse module (or of its test dependencies) in a JVM of its own, with the module's test
 * classpath ({@code lakehouse/target/test-classpath.txt}, written at {@code package}): for what cannot share a
 * Spark JVM, whose iceberg-spark-runtime bundles Iceberg with a relocated Jackson and whose dependency management
 * pins Guava 16 for Hive.
 */
public final class LakehouseModuleJvm implements AutoCloseable {

  private static final Path LAKEHOUSE_TARGET = Path.of("..", "target").toAbsolutePath().normalize();
  private static final Duration START = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;

  private LakehouseModuleJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with {@code args}, its output in {@code log}. */
  public static LakehouseModuleJvm start(String mainClass, List<String> args, Path log) throws IOException {
    String classpath = String.join(File.pathSeparator, LAKEHOUSE_TARGET.resolve("classes").toString(),
        LAKEHOUSE_TARGET.resolve("test-classes").toString(),
        Files.readString(LAKEHOUSE_TARGET.resolve("test-classpath.txt")).strip());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, mainClass));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new LakehouseModuleJvm(process, log);
  }

  /** A free local port, for a server the child is about to open. */
  public static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code GET url} answers with a status {@code ready} accepts; fails with the child's log. */
  public void awaitHttp(String url, IntPredicate ready) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The child JVM exited: " + Files.readString(log));
      }
      try {
        int status = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (ready.test(status)) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(url + " did not answer within " + START + ": " + Files.readString(log));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
