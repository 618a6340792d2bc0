package io.strata.platform.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the one test broker of this JVM, started lazily and stopped by a shutdown hook. */
final class SharedBroker {

  private static final Logger log = LoggerFactory.getLogger(SharedBroker.class);
  private static final int START_ATTEMPTS = 3;

  private static EmbeddedKafka instance;

  private SharedBroker() {}

  static synchronized EmbeddedKafka instance() {
    if (instance == null) {
      instance = startOnFreePorts();
    }
    return instance;
  }

  private static EmbeddedKafka startOnFreePorts() {
    Path directory = createTempDirectory();
    PortInUseException lastFailure = null;
    // A free port can be taken by another process between the check and the bind: try again.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      var ports = Ports.free(2);
      var settings = new BrokerSettings(directory, BrokerSettings.DEFAULT_HOST, ports.get(0), ports.get(1), Map.of());
      try {
        var kafka = EmbeddedKafka.start(settings, true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(kafka, directory), "strata-shared-kafka-stop"));
        return kafka;
      } catch (PortInUseException e) {
        log.warn("Shared test broker could not bind port {} (attempt {} of {}), trying other ports",
            e.port(), attempt, START_ATTEMPTS);
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  private static void stopAndDelete(EmbeddedKafka kafka, Path directory) {
    kafka.stop();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete the shared test broker's directory {}: {}", directory, e.toString());
    }
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("strata-test-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for the shared test broker", e);
    }
  }
}
