package io.strata.schemas.registry;

import io.strata.schemas.topics.Topic;
import io.strata.schemas.topics.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificData;

/**
 * Registers the value schema of every Avro topic of the catalog under {@code <topic>-value} with
 * BACKWARD_TRANSITIVE compatibility (ARCHITECTURE.md §1.6). Idempotent: run at every platform start, it
 * returns the same ids; a schema edited incompatibly is refused by the registry with its reason.
 */
public final class CatalogSchemas {

  /** The compatibility level of every Strata subject. */
  public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

  private CatalogSchemas() {}

  /** Registers every catalog schema and returns the global id per subject, in catalog order. */
  public static Map<String, Integer> register(SchemaRegistryClient registry) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Topic<?, ?> topic : Topics.avro()) {
      registry.setCompatibility(topic.valueSubject(), COMPATIBILITY);
      ids.put(topic.valueSubject(), registry.register(topic.valueSubject(),
          SpecificData.get().getSchema(topic.valueType())));
    }
    return ids;
  }
}
