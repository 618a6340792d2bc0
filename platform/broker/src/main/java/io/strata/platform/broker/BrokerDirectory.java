package io.strata.platform.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's data directory: the cluster id chosen on first start, the configuration last used, and
 * the KRaft log directory, formatted once (what {@code kafka-storage.sh format --ignore-formatted} does).
 */
final class BrokerDirectory {

  private static final Logger log = LoggerFactory.getLogger(BrokerDirectory.class);

  private final Path root;

  BrokerDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path logDirectory() {
    return root.resolve("log");
  }

  Path clusterIdFile() {
    return root.resolve("cluster.id");
  }

  Path serverPropertiesFile() {
    return root.resolve("server.properties");
  }

  /** Reads the cluster id kept in the directory, or chooses one and keeps it. */
  String clusterId() {
    try {
      Files.createDirectories(root);
      var file = clusterIdFile();
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      var clusterId = Uuid.randomUuid().toString();
      Files.writeString(file, clusterId + System.lineSeparator(), StandardCharsets.UTF_8);
      log.info("Chose cluster id {} for new data directory {}", clusterId, root);
      return clusterId;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the Kafka cluster id in " + root
          + "; check that the directory is writable", e);
    }
  }

  /** Writes the configuration and formats the log directory unless it is formatted already. */
  void prepare(Map<String, String> serverProperties) {
    var clusterId = clusterId();
    writeServerProperties(serverProperties);
    var output = new ByteArrayOutputStream();
    int exitCode;
    try (var printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode = StorageTool.execute(new String[] {
          "format", "-t", clusterId, "-c", serverPropertiesFile().toString(), "--ignore-formatted"},
          printStream);
    }
    var message = output.toString(StandardCharsets.UTF_8).trim();
    if (exitCode != 0) {
      throw new IllegalStateException("Cannot format the Kafka log directory " + logDirectory()
          + " (exit code " + exitCode + "): " + message
          + ". If the directory belongs to another cluster, move it away or choose another data directory.");
    }
    log.debug("Storage format of {}: {}", logDirectory(), message);
  }

  private void writeServerProperties(Map<String, String> serverProperties) {
    var properties = new Properties();
    properties.putAll(serverProperties);
    try (Writer writer = Files.newBufferedWriter(serverPropertiesFile(), StandardCharsets.UTF_8)) {
      properties.store(writer, "Written by Strata at every start; edit BrokerSettings instead");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + serverPropertiesFile(), e);
    }
  }
}
