package io.strata.platform.up;

import io.strata.platform.runtime.HealthProbe;
import io.strata.platform.runtime.ModuleProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component of {@code up} that runs in a JVM of its own (its libraries never meet the others'), with its output
 * in {@code <data-dir>/logs/<name>.log}. It is up once {@code GET <url>/health} answers 200; stopping sends it
 * SIGTERM, so it shuts down cleanly, and kills it only if it has not exited after {@link #STOP_TIMEOUT}. A shutdown
 * hook stops it when this JVM ends before {@link #close()} (Ctrl-C during the start); a kill -9 of this JVM leaves
 * it running until the next {@code up} on the same data directory stops it ({@link ChildPidFiles}).
 */
final class ChildProcess implements AutoCloseable {

  static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
  /**
   * A log line saying what went wrong: an ERROR entry in either log layout, an exception's message, or what a
   * Strata main printed before exiting ({@code strata sql-server: ...}).
   */
  private static final Pattern ERROR_LINE =
      Pattern.compile("\\bERROR\\b|^Caused by: |^\\S+(Exception|Error): |^strata [\\w-]+: ");
  private static final int ERROR_LINES = 5;

  private final String name;
  private final String url;
  private final String healthUrl;
  private final Path logFile;
  private final Process process;
  private final Thread stopOnExit;
  private final ChildPidFiles pidFiles;

  private ChildProcess(String name, String url, String healthUrl, Path logFile, Process process,
      ChildPidFiles pidFiles) {
    this.name = name;
    this.healthUrl = healthUrl;
    this.pidFiles = pidFiles;
    this.url = url;
    this.logFile = logFile;
    this.process = process;
    // Whatever ends this JVM short of kill -9 (Ctrl-C while still starting, a failure) stops the child too.
    this.stopOnExit = new Thread(this::stop, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts {@code module} (not waiting for it): output appended to {@code logFile}, health at {@code url}. */
  static ChildProcess start(String name, String url, Path logFile, ModuleProcess.Builder module,
      ChildPidFiles pidFiles) {
    return start(name, url, null, logFile, module, pidFiles);
  }

  /** As {@link #start(String, String, Path, ModuleProcess.Builder, ChildPidFiles)}, healthy at {@code healthUrl}. */
  static ChildProcess start(String name, String url, String healthUrl, Path logFile, ModuleProcess.Builder module,
      ChildPidFiles pidFiles) {
    try {
      Process process = module.logTo(logFile).build().start();
      pidFiles.write(name, process.toHandle());
      log.info("Started {}: pid={} url={} log={}", name, process.pid(), url, logFile);
      return new ChildProcess(name, url, healthUrl, logFile, process, pidFiles);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + "; see " + logFile, e);
    }
  }

  String name() {
    return name;
  }

  String url() {
    return url;
  }

  /** Where it answers {@code /health}, when not at {@link #url()}; null otherwise. */
  String healthUrl() {
    return healthUrl;
  }

  /** Waits until the component answers its health check; fails, naming its log, when it exits or takes too long. */
  void awaitHealthy(Duration timeout) {
    var probe = new HealthProbe(Duration.ofSeconds(3));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting; see "
            + logFile + lastErrors(logFile));
      }
      try {
        if (probe.healthy(healthUrl != null ? healthUrl : url)) {
          log.info("{} is healthy: url={}", name, url);
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name + " to start", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not become healthy within " + timeout.toSeconds() + " s; see "
            + logFile + lastErrors(logFile));
      }
      sleep(Duration.ofMillis(250));
    }
  }

  /**
   * The last lines of {@code logFile} that report an error, as the end of a failure's message (the reason, without
   * opening the log); empty when it has none or cannot be read.
   */
  static String lastErrors(Path logFile) {
    List<String> errors;
    try (var lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
      errors = lines.filter(line -> ERROR_LINE.matcher(line).find()).toList();
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
    if (errors.isEmpty()) {
      return "";
    }
    return "; its last errors:\n  " + String.join("\n  ", errors.subList(Math.max(0, errors.size() - ERROR_LINES),
        errors.size()));
  }

  /** SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}. Safe to call twice. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting: the hook stops the child.
    }
    stop();
  }

  private void stop() {
    if (!process.isAlive()) {
      pidFiles.delete(name);
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("{} did not stop within {} s of SIGTERM; killing it: pid={}", name, STOP_TIMEOUT.toSeconds(),
            process.pid());
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      log.info("Stopped {}: exitCode={}", name, process.isAlive() ? "still running" : process.exitValue());
      if (!process.isAlive()) {
        pidFiles.delete(name);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a component to start", e);
    }
  }
}
