package io.strata.platform.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One running part of the platform, as {@code strata up} announces it in the runtime file.
 *
 * @param name a stable short name ({@code kafka}, {@code registry})
 * @param url how to reach it: {@code host:port} for Kafka, an {@code http://} URL for services, a
 *     {@code jdbc:hive2://} URL for the SQL endpoint
 * @param healthUrl where it serves {@code /health} and {@code /metrics} when that is not {@code url} (the SQL
 *     endpoint, whose own port speaks Thrift); null otherwise
 */
public record Component(String name, String url, @JsonInclude(JsonInclude.Include.NON_NULL) String healthUrl) {

  /** Name of the Kafka broker component. */
  public static final String KAFKA = "kafka";
  /** Name of the schema registry component. */
  public static final String REGISTRY = "registry";

  public Component {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }

  /** A component that answers {@code /health} at {@code url} itself. */
  public Component(String name, String url) {
    this(name, url, null);
  }

  /** Where to ask for {@code /health} and {@code /metrics}. */
  public String probeUrl() {
    return healthUrl != null ? healthUrl : url;
  }
}
