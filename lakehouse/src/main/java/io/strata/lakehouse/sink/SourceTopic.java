package io.strata.lakehouse.sink;

import io.strata.lakehouse.tables.TableDefinition;
import io.strata.lakehouse.tables.TableNames;
import io.strata.schemas.topics.Topic;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificData;
import org.apache.iceberg.catalog.Namespace;

/**
 * A topic the sink reads and the catalog topic whose events it carries, which gives the table its name, schema
 * and partitioning. In a deployment both are the same ({@code api-calls} into {@code <namespace>.api_calls});
 * tests and benchmarks read uniquely named copies ({@code api-calls-3f9a01c2=api-calls}).
 *
 * @param name the Kafka topic read
 * @param catalogTopic the catalog topic whose table it fills
 */
public record SourceTopic(String name, Topic<?, ?> catalogTopic) {

  /** The topic itself, read under its own name. */
  public static SourceTopic of(Topic<?, ?> topic) {
    return new SourceTopic(topic.name(), topic);
  }

  /**
   * Parses {@code name} (a catalog topic) or {@code name=catalogTopic}.
   *
   * @throws IllegalArgumentException naming the accepted topics when the catalog topic is not a lakehouse topic
   */
  public static SourceTopic parse(String entry) {
    String trimmed = entry.strip();
    int equals = trimmed.indexOf('=');
    String name = equals < 0 ? trimmed : trimmed.substring(0, equals).strip();
    String catalogName = equals < 0 ? trimmed : trimmed.substring(equals + 1).strip();
    Topic<?, ?> catalogTopic = TableNames.lakehouseTopics().stream()
        .filter(t -> t.name().equals(catalogName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Invalid " + SinkSettings.TOPICS + " entry '" + entry
            + "': '" + catalogName + "' is not a lakehouse topic; expected one of "
            + TableNames.lakehouseTopics().stream().map(Topic::name).collect(Collectors.joining(", "))
            + ", optionally as <topic to read>=<catalog topic>"));
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + SinkSettings.TOPICS + " entry '" + entry + "': empty topic name");
    }
    return new SourceTopic(name, catalogTopic);
  }

  /** The table this topic is written to, in {@code namespace}. */
  public TableDefinition table(Namespace namespace) {
    return TableDefinition.of(namespace, catalogTopic.name(), SpecificData.get().getSchema(catalogTopic.valueType()));
  }

  @Override
  public String toString() {
    return name.equals(catalogTopic.name()) ? name : name + "=" + catalogTopic.name();
  }
}
