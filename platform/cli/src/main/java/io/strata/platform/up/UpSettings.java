package io.strata.platform.up;

import io.strata.platform.broker.BrokerSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code strata up} starts and where: the data directory and the three ports.
 *
 * @param dataDirectory holds {@code kafka/} (the broker's data), {@code logs/} and {@code strata.json}
 */
public record UpSettings(Path dataDirectory, int kafkaPort, int controllerPort, int registryPort) {

  /** The schema registry's usual port (Confluent's). */
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  static final String HOST = "localhost";

  public UpSettings {
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    if (registryPort == kafkaPort || registryPort == controllerPort) {
      throw new IllegalArgumentException("The registry port " + registryPort
          + " is also used for Kafka; give --registry-port, --kafka-port and --controller-port different values");
    }
  }

  Path kafkaDirectory() {
    return dataDirectory.resolve("kafka");
  }

  Path logDirectory() {
    return dataDirectory.resolve("logs");
  }

  BrokerSettings broker() {
    return new BrokerSettings(kafkaDirectory(), HOST, kafkaPort, controllerPort, Map.of());
  }
}
