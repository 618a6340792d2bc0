package io.strata.platform.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data-dir>/run/<child>.pid}: the pid and start time of each child JVM of {@code up}, written when it starts
 * and removed when it stops. After a kill -9 of {@code up} its children keep running; the next {@code up} on the same
 * data directory finds their files and stops them before it checks its ports. A child whose parent is still the
 * {@code up} that started it is not an orphan and is left alone (a second {@code up} then fails on the ports); the
 * start time guards against a pid the system has since given to another process.
 */
final class ChildPidFiles {

  private static final Logger log = LoggerFactory.getLogger(ChildPidFiles.class);
  private static final long STOP_SECONDS = 45;

  private final Path directory;

  ChildPidFiles(Path dataDirectory) {
    this.directory = dataDirectory.resolve("run");
  }

  /** Records {@code process} as the child {@code name}. */
  void write(String name, ProcessHandle process) {
    try {
      Files.createDirectories(directory);
      Files.writeString(file(name), process.pid() + " " + startOf(process).map(Instant::toString).orElse("-") + " "
          + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      log.warn("Cannot write the pid file of {} ({}): a kill -9 of up would leave it running", name, e.toString());
    }
  }

  /** Forgets the child {@code name}. */
  void delete(String name) {
    try {
      Files.deleteIfExists(file(name));
    } catch (IOException e) {
      log.warn("Cannot delete the pid file {}: {}", file(name), e.toString());
    }
  }

  /** Stops every child a previous {@code up} left running (SIGTERM, then SIGKILL), and returns their names. */
  List<String> stopOrphans() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList();
    } catch (IOException e) {
      log.warn("Cannot list {}: {}", directory, e.toString());
      return List.of();
    }
    var stopped = new ArrayList<String>();
    for (Path file : files) {
      String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
      var state = state(file);
      if (state instanceof Orphan orphan) {
        log.warn("Stopping {} left running by an earlier up (was it killed with kill -9?): pid={}", name,
            orphan.process().pid());
        stop(orphan.process());
        stopped.add(name);
        delete(name);
      } else if (state instanceof Gone) {
        delete(name);
      }
    }
    return List.copyOf(stopped);
  }

  /** What a pid file points at. */
  private sealed interface ChildState permits Orphan, Gone, Owned {}

  /** A live child whose {@code up} is gone. */
  private record Orphan(ProcessHandle process) implements ChildState {}

  /** No such process any more (or an unreadable file). */
  private record Gone() implements ChildState {}

  /** A live child of a live {@code up}: not ours to stop. */
  private record Owned() implements ChildState {}

  private static ChildState state(Path file) {
    String[] fields;
    try {
      fields = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
    } catch (IOException e) {
      return new Gone();
    }
    if (fields.length != 3) {
      return new Gone();
    }
    long pid;
    long parent;
    try {
      pid = Long.parseLong(fields[0]);
      parent = Long.parseLong(fields[2]);
    } catch (NumberFormatException e) {
      return new Gone();
    }
    String recordedStart = fields[1];
    Optional<ProcessHandle> child = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(process -> startOf(process).map(Instant::toString).orElse("-").equals(recordedStart));
    if (child.isEmpty()) {
      return new Gone();
    }
    boolean parentAlive = child.get().parent().map(ProcessHandle::pid).orElse(-1L) == parent;
    return parentAlive ? new Owned() : new Orphan(child.get());
  }

  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (Exception notYet) {
      process.destroyForcibly();
    }
  }

  private static Optional<Instant> startOf(ProcessHandle process) {
    return process.info().startInstant();
  }

  private Path file(String name) {
    return directory.resolve(name + ".pid");
  }
}
