package io.strata.platform.runtime;

import java.util.Objects;

/**
 * One running part of the platform, as {@code strata up} announces it in the runtime file.
 *
 * @param name a stable short name ({@code kafka}, {@code registry})
 * @param url how to reach it: {@code host:port} for Kafka, an {@code http://} URL for services
 */
public record Component(String name, String url) {

  /** Name of the Kafka broker component. */
  public static final String KAFKA = "kafka";
  /** Name of the schema registry component. */
  public static final String REGISTRY = "registry";

  public Component {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }
}
