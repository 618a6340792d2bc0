package io.strata.lakehouse.sql.reconcile;

import io.strata.lakehouse.tables.TableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/** Reconciles topics with their tables ({@code api-calls} with {@code <namespace>.api_calls}). */
public final class TopicReconciliation implements AutoCloseable {

  private final TopicOffsetsReader topics;
  private final Catalog catalog;
  private final Namespace namespace;

  public TopicReconciliation(Map<String, Object> kafkaClientProperties, Catalog catalog, Namespace namespace) {
    this.topics = new TopicOffsetsReader(kafkaClientProperties);
    this.catalog = catalog;
    this.namespace = namespace;
  }

  /** The outcome for one topic: its partitions, or why it could not be compared. */
  public record TopicReport(String topic, String table, List<PartitionReport> partitions, String problem) {

    public boolean ok(boolean allowBehind) {
      return problem == null && partitions.stream().allMatch(p -> p.ok(allowBehind));
    }
  }

  /** Compares {@code topic} with its table. */
  public TopicReport reconcile(String topic) throws Exception {
    TableIdentifier id = TableIdentifier.of(namespace, TableNames.tableName(topic));
    var topicOffsets = topics.read(topic);
    if (!catalog.tableExists(id)) {
      return new TopicReport(topic, id.toString(), List.of(), topicOffsets.isEmpty() ? null
          : "no table " + id + " (has the sink run? `strata sql` creates the tables)");
    }
    Table table = catalog.loadTable(id);
    Map<Integer, long[]> rows = TableOffsetsReader.read(table);
    if (topicOffsets.isEmpty()) {
      return new TopicReport(topic, id.toString(), List.of(), rows.isEmpty() ? null
          : "topic " + topic + " does not exist but its table has rows");
    }
    boolean compacted = topics.compacted(topic);
    Map<Integer, TopicOffsetsReader.PartitionOffsets> byPartition = new TreeMap<>();
    topicOffsets.get().forEach(p -> byPartition.put(p.partition(), p));
    var partitions = new TreeSet<>(byPartition.keySet());
    partitions.addAll(rows.keySet());
    List<PartitionReport> reports = new ArrayList<>();
    for (int partition : partitions) {
      var inTopic = byPartition.getOrDefault(partition,
          new TopicOffsetsReader.PartitionOffsets(partition, 0, 0, new long[0]));
      reports.add(Reconciler.compare(topic, partition, inTopic.earliest(), inTopic.end(), inTopic.records(),
          rows.getOrDefault(partition, new long[0]), compacted));
    }
    return new TopicReport(topic, id.toString(), reports, null);
  }

  @Override
  public void close() {
    topics.close();
  }
}
