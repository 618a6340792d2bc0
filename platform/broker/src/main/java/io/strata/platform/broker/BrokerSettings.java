package io.strata.platform.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the embedded broker.
 *
 * @param dataDirectory where the broker keeps its cluster id, its configuration and its log segments;
 *     a restart on the same directory finds the same data
 * @param host the interface both listeners bind to ({@code localhost} by default)
 * @param brokerPort the client listener port (Kafka's default {@value #DEFAULT_BROKER_PORT})
 * @param controllerPort the KRaft controller listener port ({@value #DEFAULT_CONTROLLER_PORT})
 * @param extraProperties broker properties that override Strata's single-node defaults
 */
public record BrokerSettings(
    Path dataDirectory,
    String host,
    int brokerPort,
    int controllerPort,
    Map<String, String> extraProperties) {

  /** Kafka's usual client port. */
  public static final int DEFAULT_BROKER_PORT = 9092;
  /** Kafka's usual controller port. */
  public static final int DEFAULT_CONTROLLER_PORT = 9093;
  /** Listeners bind to the loopback interface unless told otherwise. */
  public static final String DEFAULT_HOST = "localhost";

  public BrokerSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(host, "host");
    requireValidPort(brokerPort, "broker port (--kafka-port)");
    requireValidPort(controllerPort, "controller port (--controller-port)");
    if (brokerPort == controllerPort) {
      throw new IllegalArgumentException("The broker port and the controller port are both " + brokerPort
          + "; give them different values with --kafka-port and --controller-port");
    }
    extraProperties = Map.copyOf(extraProperties);
  }

  /** Settings with the default host, ports and no extra properties. */
  public static BrokerSettings defaults(Path dataDirectory) {
    return new BrokerSettings(dataDirectory, DEFAULT_HOST, DEFAULT_BROKER_PORT, DEFAULT_CONTROLLER_PORT, Map.of());
  }

  /** A copy with other ports. */
  public BrokerSettings withPorts(int newBrokerPort, int newControllerPort) {
    return new BrokerSettings(dataDirectory, host, newBrokerPort, newControllerPort, extraProperties);
  }

  /** A copy with these broker properties added to (and overriding) the extra properties. */
  public BrokerSettings withExtraProperties(Map<String, String> more) {
    var merged = new HashMap<>(extraProperties);
    merged.putAll(more);
    return new BrokerSettings(dataDirectory, host, brokerPort, controllerPort, merged);
  }

  /** The host clients should dial: a wildcard bind address is reached through {@code localhost}. */
  String advertisedHost() {
    return host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host) ? "localhost" : host;
  }

  private static void requireValidPort(int port, String what) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("The " + what + " must be between 1 and 65535, got " + port);
    }
  }
}
