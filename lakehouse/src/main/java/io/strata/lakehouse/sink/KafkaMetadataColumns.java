package io.strata.lakehouse.sink;

import io.strata.lakehouse.tables.AvroToIceberg;
import io.strata.schemas.connect.TrustedStructs;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A Connect transformation ({@code transforms.kafkaMetadata.type=io.strata.lakehouse.sink.KafkaMetadataColumns})
 * that appends the table's Kafka metadata columns to a sink record's value: {@value AvroToIceberg#KAFKA_TOPIC},
 * {@value AvroToIceberg#KAFKA_PARTITION}, {@value AvroToIceberg#KAFKA_OFFSET} and {@value
 * AvroToIceberg#KAFKA_APPEND_TIME}, all required, with exactly the names and types {@link AvroToIceberg} gives
 * the table.
 *
 * <p>Apache Iceberg's own {@code KafkaMetadataTransform} names its fields after one prefix and writes the
 * timestamp as a long, so it cannot produce the columns the tables are defined with; this one does. The topic
 * column is also the route field the sink uses to send each record to its topic's table. The original (pre-SMT)
 * topic, partition and offset are used, so the columns always identify the Kafka record. A tombstone (null
 * value) passes unchanged; a value that is not a {@code Struct} fails, which Connect sends to the dead-letter
 * topic.
 */
public class KafkaMetadataColumns implements Transformation<SinkRecord> {

  /** Enough for every topic's schema versions; cleared when a stream of new schemas overflows it. */
  private static final int MAX_CACHED_SCHEMAS = 1_000;

  private final Map<Schema, Schema> extended = new IdentityHashMap<>();

  @Override
  public SinkRecord apply(SinkRecord record) {
    if (record.value() == null) {
      return record;
    }
    if (!(record.value() instanceof Struct value)) {
      throw new DataException("Cannot add Kafka metadata columns to a " + record.value().getClass().getName()
          + " value of topic '" + record.topic() + "': the lakehouse sink needs Struct values (Avro records through"
          + " io.strata.schemas.connect.AvroConverter)");
    }
    if (record.timestamp() == null) {
      throw new DataException("Record at " + record.originalTopic() + "/" + record.originalKafkaPartition() + "@"
          + record.originalKafkaOffset() + " has no timestamp; the " + AvroToIceberg.KAFKA_APPEND_TIME
          + " column is required");
    }
    Schema schema = extended.computeIfAbsent(value.schema(), KafkaMetadataColumns::withMetadata);
    if (extended.size() > MAX_CACHED_SCHEMAS) {
      extended.clear();
    }
    Struct result = new Struct(schema);
    // The copied values sit under the same field schemas in the same order (withMetadata), and were validated
    // when they were put into the original struct; only the appended columns are put (and checked).
    List<Field> fields = schema.fields();
    for (Field field : value.schema().fields()) {
      TrustedStructs.set(result, fields.get(field.index()), value.get(field));
    }
    result.put(AvroToIceberg.KAFKA_TOPIC, record.originalTopic());
    result.put(AvroToIceberg.KAFKA_PARTITION, record.originalKafkaPartition());
    result.put(AvroToIceberg.KAFKA_OFFSET, record.originalKafkaOffset());
    result.put(AvroToIceberg.KAFKA_APPEND_TIME, new Date(record.timestamp()));
    return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
        result, record.timestamp(), record.headers());
  }

  static Schema withMetadata(Schema valueSchema) {
    if (valueSchema.type() != Schema.Type.STRUCT) {
      throw new DataException("Cannot add Kafka metadata columns to a " + valueSchema.type() + " schema");
    }
    SchemaBuilder builder = SchemaBuilder.struct().name(valueSchema.name()).version(valueSchema.version())
        .doc(valueSchema.doc());
    if (valueSchema.parameters() != null) {
      builder.parameters(valueSchema.parameters());
    }
    for (Field field : valueSchema.fields()) {
      if (isMetadataColumn(field.name())) {
        throw new DataException("Record schema " + valueSchema.name() + " already has a field '" + field.name()
            + "', which the lakehouse reserves for Kafka metadata");
      }
      builder.field(field.name(), field.schema());
    }
    return builder
        .field(AvroToIceberg.KAFKA_TOPIC, Schema.STRING_SCHEMA)
        .field(AvroToIceberg.KAFKA_PARTITION, Schema.INT32_SCHEMA)
        .field(AvroToIceberg.KAFKA_OFFSET, Schema.INT64_SCHEMA)
        .field(AvroToIceberg.KAFKA_APPEND_TIME, Timestamp.SCHEMA)
        .build();
  }

  private static boolean isMetadataColumn(String name) {
    return name.equals(AvroToIceberg.KAFKA_TOPIC) || name.equals(AvroToIceberg.KAFKA_PARTITION)
        || name.equals(AvroToIceberg.KAFKA_OFFSET) || name.equals(AvroToIceberg.KAFKA_APPEND_TIME);
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // Nothing to configure: the column names are the tables' contract.
  }

  @Override
  public void close() {
    extended.clear();
  }
}
