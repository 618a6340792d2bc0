package io.strata.registry;

import io.micronaut.runtime.Micronaut;

/**
 * Runs the registry service as its own process. Configuration: {@code micronaut.server.port} (8081) and
 * {@code strata.kafka.bootstrap-servers} (localhost:9092), from {@code application.yml}, system properties
 * or environment variables ({@code STRATA_KAFKA_BOOTSTRAP_SERVERS}).
 */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).deduceEnvironment(false).start();
  }
}
