package io.strata.lakehouse.sink;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests, started from the machine's PostgreSQL binaries ({@code initdb},
 * {@code pg_ctl}; Debian's {@code postgresql} package, which {@code .ci/run} installs): a fresh cluster in a
 * temporary directory, listening on 127.0.0.1 on a free port, trust authentication, no fsync. PostgreSQL refuses
 * to run as root, so under root the cluster belongs to the {@code postgres} user and every command runs as that
 * user ({@code runuser}).
 */
final class LocalPostgres implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 60;

  private final Path binaries;
  private final Path directory;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;

  private LocalPostgres(Path binaries, Path directory, int port, boolean asPostgresUser) {
    this.binaries = binaries;
    this.directory = directory;
    this.data = directory.resolve("data");
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The directory holding {@code initdb} and {@code pg_ctl}: on the PATH, or Debian's newest under /usr/lib. */
  static Optional<Path> binaries() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path initdb = Path.of(dir, "initdb");
      if (!dir.isEmpty() && Files.isExecutable(initdb)) {
        return Optional.of(resolve(initdb).getParent());
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions.map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparing(bin -> bin.getParent().getFileName().toString(),
              Comparator.comparingInt(LocalPostgres::majorVersion)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Initialises and starts a cluster; {@link #close()} stops it and deletes its files. */
  static LocalPostgres start(Path binaries) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    // Not under a JUnit temporary directory: those are private to root, and the server runs as postgres.
    Path directory = Files.createTempDirectory(Path.of("/tmp"), "strata-pg-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    var postgres = new LocalPostgres(binaries, directory, freePort(), root);
    try {
      if (root) {
        postgres.run(List.of("chown", "postgres:postgres", directory.toString()), false);
      }
      postgres.run(List.of(binaries.resolve("initdb").toString(), "-D", postgres.data.toString(), "-U", "postgres",
          "-A", "trust", "-E", "UTF8", "--no-sync"), true);
      postgres.run(List.of(binaries.resolve("pg_ctl").toString(), "-D", postgres.data.toString(), "-w",
          "-l", directory.resolve("server.log").toString(), "-o",
          "-p " + postgres.port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), true);
      return postgres;
    } catch (IOException | RuntimeException | InterruptedException e) {
      postgres.close();
      throw e;
    }
  }

  /** JDBC URL of the {@code postgres} database; user {@code postgres}, no password. */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
            true);
      }
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asServerUser && asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path output = Files.createTempFile("strata-pg-command", ".log");
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", full) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", full) + " exited with " + process.exitValue() + ":\n"
            + Files.readString(output));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Path resolve(Path link) {
    try {
      return link.toRealPath();
    } catch (IOException e) {
      return link;
    }
  }

  private static int majorVersion(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
