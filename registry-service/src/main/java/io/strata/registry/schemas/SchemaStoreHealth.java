package io.strata.registry.schemas;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.HashMap;
import org.reactivestreams.Publisher;

/** {@code /health} is DOWN until the registry has read its topic to the end, and while Kafka does not answer. */
@Singleton
final class SchemaStoreHealth implements HealthIndicator {

  private final SchemaStore store;

  SchemaStoreHealth(SchemaStore store) {
    this.store = store;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    var details = new HashMap<String, Object>(store.details());
    var problem = store.problem();
    problem.ifPresent(reason -> details.put("reason", reason));
    return Publishers.just(HealthResult.builder("schemaStore", problem.isPresent() ? HealthStatus.DOWN : HealthStatus.UP)
        .details(details)
        .build());
  }
}
