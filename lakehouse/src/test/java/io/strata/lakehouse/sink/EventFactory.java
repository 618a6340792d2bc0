package io.strata.lakehouse.sink;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Valid instances of any generated event class, every field set (the non-null branch of optional fields too),
 * so that one event per topic exercises every column type of every table.
 */
final class EventFactory {

  private final SpecificData model;
  private final String eventId;

  private EventFactory(SpecificData model, String eventId) {
    this.model = model;
    this.eventId = eventId;
  }

  /** An instance of {@code type} whose {@code eventId} (when it has one) is {@code eventId}. */
  static <V> V create(Class<V> type, String eventId) {
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    return type.cast(new EventFactory(model, eventId).record(schema));
  }

  private Object record(Schema schema) {
    SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      Object value = field.name().equals("eventId") ? eventId : value(field.name(), field.schema());
      record.put(field.pos(), value);
    }
    return record;
  }

  private Object value(String name, Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      return logical(schema, logical);
    }
    return switch (schema.getType()) {
      case RECORD -> record(schema);
      case ENUM -> model.createEnum(schema.getEnumSymbols().get(0), schema);
      case ARRAY -> new GenericData.Array<>(schema, List.of(value(name, schema.getElementType())));
      case MAP -> Map.of("key", value(name, schema.getValueType()));
      case UNION -> value(name, schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
          .findFirst().orElseThrow());
      case FIXED -> model.createFixed(null, new byte[schema.getFixedSize()], schema);
      case STRING -> name.equals("tenantId") ? "acme" : name + "-value";
      case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
      case INT -> 7;
      case LONG -> 42L;
      case FLOAT -> 1.5f;
      case DOUBLE -> 2.25d;
      case BOOLEAN -> true;
      case NULL -> null;
    };
  }

  private Object logical(Schema schema, LogicalType logical) {
    Conversion<?> conversion = model.getConversionFor(logical);
    Object converted = switch (logical.getName()) {
      case "timestamp-millis", "timestamp-micros", "local-timestamp-millis", "local-timestamp-micros" ->
          Instant.parse("2026-11-03T10:15:30.123Z");
      case "date" -> LocalDate.of(2026, 11, 3);
      case "time-millis", "time-micros" -> LocalTime.of(10, 15, 30);
      case "decimal" -> new BigDecimal(BigInteger.valueOf(12345), ((LogicalTypes.Decimal) logical).getScale());
      case "uuid" -> UUID.fromString("8f14e45f-ceea-467f-a8e2-7d3c1b9a1c2e");
      default -> throw new IllegalArgumentException("No sample for logical type " + logical.getName());
    };
    if (conversion != null) {
      return converted;
    }
    return switch (logical.getName()) {
      case "timestamp-millis", "local-timestamp-millis" -> ((Instant) converted).toEpochMilli();
      case "timestamp-micros", "local-timestamp-micros" -> ((Instant) converted).toEpochMilli() * 1000;
      case "date" -> (int) ((LocalDate) converted).toEpochDay();
      case "time-millis" -> ((LocalTime) converted).toSecondOfDay() * 1000;
      case "time-micros" -> ((LocalTime) converted).toSecondOfDay() * 1_000_000L;
      case "uuid" -> converted.toString();
      case "decimal" -> schema.getType() == Schema.Type.BYTES
          ? ByteBuffer.wrap(((BigDecimal) converted).unscaledValue().toByteArray())
          : model.createFixed(null, fixedBytes((BigDecimal) converted, schema.getFixedSize()), schema);
      default -> converted;
    };
  }

  private static byte[] fixedBytes(BigDecimal value, int size) {
    byte[] unscaled = value.unscaledValue().toByteArray();
    byte[] out = new byte[size];
    System.arraycopy(unscaled, 0, out, size - unscaled.length, unscaled.length);
    return out;
  }
}
