package io.strata.ingest.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as {@code strata up} runs it: {@link GatewayApplication} in a child JVM with its own heap limit,
 * on the module's runtime classpath (target/classes and target/classpath.txt), its output in target/.
 */
final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private GatewayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a gateway with {@code -Xmx<heap>} and these properties; returns once it listens. */
  static GatewayProcess start(String name, String heap, Map<String, String> properties) throws IOException {
    Path module = Path.of("").toAbsolutePath();
    String classpath = module.resolve("target/classes") + java.io.File.pathSeparator
        + Files.readString(module.resolve("target/classpath.txt")).strip();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", classpath));
    command.add("-Dmicronaut.server.port=-1");
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add(GatewayApplication.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Path log = module.resolve("target/gateway-" + name + ".log");
    var listening = new CompletableFuture<Integer>();
    Thread pump = new Thread(() -> pump(process, log, listening), "gateway-output-" + name);
    pump.setDaemon(true);
    pump.start();
    try {
      int port = listening.get(90, TimeUnit.SECONDS);
      return new GatewayProcess(process, port);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("The gateway did not start; see " + log, e);
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<Integer> listening) {
    try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(Files.newBufferedWriter(log), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        if (line.startsWith("STRATA_GATEWAY_LISTENING port=")) {
          listening.complete(Integer.parseInt(line.substring(line.indexOf('=') + 1).strip()));
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(e);
    } finally {
      listening.completeExceptionally(new IllegalStateException("The gateway exited with " + exit(process)));
    }
  }

  private static String exit(Process process) {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "no exit yet";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  String url() {
    return "http://localhost:" + port;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** kill -9: no shutdown hook, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS);
      }
    }
  }
}
