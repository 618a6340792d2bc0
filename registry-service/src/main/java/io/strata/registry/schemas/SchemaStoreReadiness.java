package io.strata.registry.schemas;

import jakarta.inject.Singleton;
import java.time.Duration;

/** Lets an embedding process wait until the registry has read its topic and can answer. */
@Singleton
public final class SchemaStoreReadiness {

  private final SchemaStore store;

  SchemaStoreReadiness(SchemaStore store) {
    this.store = store;
  }

  /**
   * Returns once the registry's view of the schema topic is built; returns at once for a zero timeout.
   *
   * @throws IllegalStateException when it is not built within {@code timeout}, with the reason
   */
  public void awaitReady(Duration timeout) {
    if (timeout.isZero() || store.awaitReady(timeout)) {
      return;
    }
    throw new IllegalStateException("The schema registry could not serve within " + timeout + ": "
        + store.problem().orElse("unknown reason"));
  }
}
