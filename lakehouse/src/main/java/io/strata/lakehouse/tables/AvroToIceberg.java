package io.strata.lakehouse.tables;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Maps a topic's Avro value schema to the Iceberg schema of its table, a pure function.
 *
 * <table>
 *   <caption>Type mapping</caption>
 *   <tr><th>Avro</th><th>Iceberg</th></tr>
 *   <tr><td>record</td><td>struct (field docs kept)</td></tr>
 *   <tr><td>array</td><td>list</td></tr>
 *   <tr><td>map (keys are always strings in Avro)</td><td>map&lt;string, V&gt;</td></tr>
 *   <tr><td>enum</td><td>string (the symbol)</td></tr>
 *   <tr><td>{@code ["null", X]} or {@code [X, "null"]}</td><td>optional X; every other type is required</td></tr>
 *   <tr><td>string, string/uuid</td><td>string (a uuid stays a string: that is what the producers write and
 *       what every engine reads without a cast)</td></tr>
 *   <tr><td>bytes / fixed</td><td>binary / fixed(n)</td></tr>
 *   <tr><td>bytes or fixed with decimal(p, s)</td><td>decimal(p, s)</td></tr>
 *   <tr><td>int, long, float, double, boolean</td><td>int, long, float, double, boolean</td></tr>
 *   <tr><td>int/date</td><td>date</td></tr>
 *   <tr><td>int/time-millis, long/time-micros</td><td>time</td></tr>
 *   <tr><td>long/timestamp-millis, long/timestamp-micros</td><td>timestamptz</td></tr>
 *   <tr><td>long/local-timestamp-millis, long/local-timestamp-micros</td><td>timestamp</td></tr>
 * </table>
 *
 * <p>Unions with more than one non-null branch and recursive records have no Iceberg counterpart and
 * are rejected with the path of the offending field. Field ids are assigned the way Iceberg assigns
 * them when it creates a table ({@link TypeUtil#assignFreshIds}, counting from 1), so the same Avro
 * schema always gives the same schema, ids included, and the ids match the created table's.
 *
 * <p>The table ends with four Kafka metadata columns, all required because every row comes from a
 * Kafka record: {@value #KAFKA_TOPIC} (string, the topic the row was read from), {@value
 * #KAFKA_PARTITION} (int), {@value #KAFKA_OFFSET} (long) and {@value #KAFKA_APPEND_TIME} (timestamptz,
 * the record's timestamp, the broker's append time on Strata's {@code LogAppendTime} topics). Topic,
 * partition and offset identify the record, which is what exactly-once checks and {@code strata
 * reconcile} compare against the topic; the sink also routes each record to its table by the topic
 * column (see {@code io.strata.lakehouse.sink.KafkaMetadataColumns}).
 */
public final class AvroToIceberg {

  public static final String KAFKA_TOPIC = "_kafka_topic";
  public static final String KAFKA_PARTITION = "_kafka_partition";
  public static final String KAFKA_OFFSET = "_kafka_offset";
  public static final String KAFKA_APPEND_TIME = "_kafka_append_time";

  private final AtomicInteger nextId = new AtomicInteger();
  private final Deque<String> path = new ArrayDeque<>();
  private final Deque<String> openRecords = new ArrayDeque<>();

  private AvroToIceberg() {}

  /** The table schema for a topic whose values have the Avro record schema {@code valueSchema}. */
  public static Schema tableSchema(org.apache.avro.Schema valueSchema) {
    if (valueSchema.getType() != org.apache.avro.Schema.Type.RECORD) {
      throw new IllegalArgumentException("Cannot derive a table from Avro schema '" + valueSchema.getFullName()
          + "': a topic's value schema must be a record, got " + valueSchema.getType());
    }
    AvroToIceberg mapper = new AvroToIceberg();
    List<NestedField> columns = new ArrayList<>(mapper.struct(valueSchema).fields());
    columns.add(NestedField.required(mapper.id(), KAFKA_TOPIC, Types.StringType.get(),
        "Kafka topic the row was read from."));
    columns.add(NestedField.required(mapper.id(), KAFKA_PARTITION, Types.IntegerType.get(),
        "Kafka partition the row was read from."));
    columns.add(NestedField.required(mapper.id(), KAFKA_OFFSET, Types.LongType.get(),
        "Kafka offset of the record within its partition."));
    columns.add(NestedField.required(mapper.id(), KAFKA_APPEND_TIME, Types.TimestampType.withZone(),
        "Kafka record timestamp (the broker's append time on LogAppendTime topics)."));
    AtomicInteger fresh = new AtomicInteger();
    return TypeUtil.assignFreshIds(new Schema(columns), fresh::incrementAndGet);
  }

  private int id() {
    return nextId.incrementAndGet();
  }

  private Types.StructType struct(org.apache.avro.Schema record) {
    if (openRecords.contains(record.getFullName())) {
      throw unsupported("recursive record " + record.getFullName());
    }
    openRecords.push(record.getFullName());
    List<NestedField> fields = new ArrayList<>();
    for (org.apache.avro.Schema.Field field : record.getFields()) {
      path.addLast(field.name());
      org.apache.avro.Schema nonNull = nonNull(field.schema());
      fields.add(NestedField.of(id(), nonNull != field.schema(), field.name(), type(nonNull), field.doc()));
      path.removeLast();
    }
    openRecords.pop();
    return Types.StructType.of(fields);
  }

  /** The X of {@code ["null", X]}, or the schema itself when it is not such a union. */
  private org.apache.avro.Schema nonNull(org.apache.avro.Schema schema) {
    if (schema.getType() != org.apache.avro.Schema.Type.UNION) {
      return schema;
    }
    List<org.apache.avro.Schema> branches = schema.getTypes().stream()
        .filter(s -> s.getType() != org.apache.avro.Schema.Type.NULL).toList();
    if (branches.size() != 1 || schema.getTypes().size() != 2) {
      throw unsupported("union " + schema + " (only [\"null\", X] maps to an optional column)");
    }
    return branches.get(0);
  }

  private Type type(org.apache.avro.Schema schema) {
    LogicalType logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case RECORD -> struct(schema);
      case ARRAY -> {
        org.apache.avro.Schema items = nonNull(schema.getElementType());
        int elementId = id();
        Type element = element("[]", items);
        yield items != schema.getElementType()
            ? Types.ListType.ofOptional(elementId, element) : Types.ListType.ofRequired(elementId, element);
      }
      case MAP -> {
        org.apache.avro.Schema values = nonNull(schema.getValueType());
        int keyId = id();
        int valueId = id();
        Type value = element("{}", values);
        yield values != schema.getValueType()
            ? Types.MapType.ofOptional(keyId, valueId, Types.StringType.get(), value)
            : Types.MapType.ofRequired(keyId, valueId, Types.StringType.get(), value);
      }
      case ENUM, STRING -> Types.StringType.get();
      case BYTES -> logical instanceof LogicalTypes.Decimal d
          ? Types.DecimalType.of(d.getPrecision(), d.getScale()) : Types.BinaryType.get();
      case FIXED -> logical instanceof LogicalTypes.Decimal d
          ? Types.DecimalType.of(d.getPrecision(), d.getScale()) : Types.FixedType.ofLength(schema.getFixedSize());
      case INT -> {
        if (logical instanceof LogicalTypes.Date) {
          yield Types.DateType.get();
        }
        yield logical instanceof LogicalTypes.TimeMillis ? Types.TimeType.get() : Types.IntegerType.get();
      }
      case LONG -> {
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
          yield Types.TimestampType.withZone();
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis
            || logical instanceof LogicalTypes.LocalTimestampMicros) {
          yield Types.TimestampType.withoutZone();
        }
        yield logical instanceof LogicalTypes.TimeMicros ? Types.TimeType.get() : Types.LongType.get();
      }
      case FLOAT -> Types.FloatType.get();
      case DOUBLE -> Types.DoubleType.get();
      case BOOLEAN -> Types.BooleanType.get();
      case NULL, UNION -> throw unsupported("type " + schema);
    };
  }

  private Type element(String marker, org.apache.avro.Schema schema) {
    path.addLast(marker);
    try {
      return type(schema);
    } finally {
      path.removeLast();
    }
  }

  private IllegalArgumentException unsupported(String what) {
    return new IllegalArgumentException("Cannot map Avro field '" + String.join(".", path).replace(".[]", "[]")
        .replace(".{}", "{}") + "' to Iceberg: unsupported " + what);
  }
}
