package io.strata.lakehouse.tables;

import io.strata.schemas.topics.Topic;
import java.util.List;
import org.apache.avro.specific.SpecificData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/** What the table of one topic should look like: its name, schema and partition spec. */
public record TableDefinition(String topic, TableIdentifier identifier, Schema schema, PartitionSpec spec) {

  /** The table of topic {@code topicName} whose values have Avro schema {@code valueSchema}. */
  public static TableDefinition of(Namespace namespace, String topicName, org.apache.avro.Schema valueSchema) {
    Schema schema = AvroToIceberg.tableSchema(valueSchema);
    return new TableDefinition(topicName, TableIdentifier.of(namespace, TableNames.tableName(topicName)), schema,
        PartitionSpecs.forTopic(topicName, schema));
  }

  /** One definition per {@linkplain TableNames#lakehouseTopics() lakehouse topic}, from its generated class. */
  public static List<TableDefinition> forCatalog(Namespace namespace) {
    return TableNames.lakehouseTopics().stream()
        .map(topic -> of(namespace, topic.name(), valueSchema(topic)))
        .toList();
  }

  private static org.apache.avro.Schema valueSchema(Topic<?, ?> topic) {
    return SpecificData.get().getSchema(topic.valueType());
  }
}
