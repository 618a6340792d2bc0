package io.strata.registry.schemas;

import io.micronaut.core.value.PropertyResolver;
import io.strata.schemas.topics.Topics;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * How the registry reaches its storage, validated when the service starts.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers} ({@value #BOOTSTRAP_SERVERS})
 * @param topic the storage topic ({@value #TOPIC}); tests give each registry its own
 * @param defaultLevel the global compatibility level until one is set through the API ({@value #DEFAULT_LEVEL})
 * @param timeout how long a write may take to be stored and read back, and how long a request waits for the
 *     registry to have read the topic ({@value #TIMEOUT})
 * @param settleAfter after how long any instance writes the decision for a command whose proposer did not
 *     ({@value #SETTLE_AFTER})
 */
public record StoreSettings(
    String bootstrapServers, String topic, CompatibilityLevel defaultLevel, Duration timeout, Duration settleAfter) {

  public static final String BOOTSTRAP_SERVERS = "strata.kafka.bootstrap-servers";
  public static final String TOPIC = "strata.registry.topic";
  public static final String DEFAULT_LEVEL = "strata.registry.default-compatibility";
  public static final String TIMEOUT = "strata.registry.timeout";
  public static final String SETTLE_AFTER = "strata.registry.settle-after";

  public StoreSettings {
    Objects.requireNonNull(defaultLevel, DEFAULT_LEVEL);
    requireBootstrapServers(bootstrapServers);
    try {
      Topic.validate(topic);
    } catch (InvalidTopicException | NullPointerException e) {
      throw new IllegalArgumentException("Invalid " + TOPIC + " '" + topic + "': " + e.getMessage(), e);
    }
    requirePositive(timeout, TIMEOUT);
    requirePositive(settleAfter, SETTLE_AFTER);
  }

  /**
   * Reads and validates the settings.
   *
   * @throws IllegalArgumentException naming the key and the accepted values
   */
  public static StoreSettings from(PropertyResolver properties) {
    String level = properties.get(DEFAULT_LEVEL, String.class).orElse(CompatibilityLevel.BACKWARD.name());
    CompatibilityLevel defaultLevel;
    try {
      defaultLevel = CompatibilityLevel.valueOf(level.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid " + DEFAULT_LEVEL + " '" + level + "': accepted values are "
          + CompatibilityLevel.ACCEPTED, e);
    }
    return new StoreSettings(
        properties.get(BOOTSTRAP_SERVERS, String.class).orElse("localhost:9092"),
        properties.get(TOPIC, String.class).orElse(Topics.SCHEMAS.name()),
        defaultLevel,
        duration(properties, TIMEOUT, Duration.ofSeconds(10)),
        duration(properties, SETTLE_AFTER, Duration.ofSeconds(30)));
  }

  private static Duration duration(PropertyResolver properties, String key, Duration fallback) {
    String text = properties.get(key, String.class).orElse(null);
    if (text == null) {
      return fallback;
    }
    return properties.get(key, Duration.class).orElseThrow(() -> new IllegalArgumentException(
        "Invalid " + key + " '" + text + "': expected a duration such as 10s or 500ms"));
  }

  private static void requireBootstrapServers(String servers) {
    String problem = servers == null || servers.isBlank() ? "it is empty"
        : Arrays.stream(servers.split(",")).map(String::trim).filter(s -> !validHostPort(s)).findFirst()
            .map(s -> "'" + s + "' is not host:port").orElse(null);
    if (problem != null) {
      throw new IllegalArgumentException("Invalid " + BOOTSTRAP_SERVERS + " '" + servers + "': " + problem
          + "; expected host:port[,host:port...], e.g. localhost:9092");
    }
  }

  private static boolean validHostPort(String entry) {
    int colon = entry.lastIndexOf(':');
    if (colon <= 0 || colon == entry.length() - 1) {
      return false;
    }
    try {
      int port = Integer.parseInt(entry.substring(colon + 1));
      return port > 0 && port <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void requirePositive(Duration duration, String key) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("Invalid " + key + " '" + duration + "': expected a positive duration");
    }
  }
}
