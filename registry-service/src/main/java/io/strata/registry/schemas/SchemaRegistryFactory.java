package io.strata.registry.schemas;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the registry: settings validated at startup, the store started eagerly, the plain registry on top. */
@Factory
final class SchemaRegistryFactory {

  @Singleton
  StoreSettings storeSettings(Environment environment) {
    return StoreSettings.from(environment);
  }

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Context
  @Bean(preDestroy = "close")
  SchemaStore schemaStore(StoreSettings settings, Clock clock) {
    var store = new SchemaStore(settings, clock);
    store.start();
    return store;
  }

  @Singleton
  SchemaRegistry schemaRegistry(SchemaStore store) {
    return new SchemaRegistry(store);
  }

  /** The registry for this process's own Avro serdes (the control plane's topics). */
  @Singleton
  LocalSchemaRegistryClient localSchemaRegistryClient(SchemaRegistry registry, SchemaStore store) {
    return new LocalSchemaRegistryClient(registry, store);
  }
}
