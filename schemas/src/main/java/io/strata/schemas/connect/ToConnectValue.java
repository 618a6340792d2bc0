package io.strata.schemas.connect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Avro generic datums (logical types raw) to Connect values of the translated schema. Structs are filled with
 * {@link TrustedStructs}: every value is built here for exactly its field's schema.
 */
final class ToConnectValue {

  private ToConnectValue() {}

  static Object value(org.apache.avro.Schema avro, Schema schema, Object datum) {
    if (datum == null) {
      return null;
    }
    return switch (avro.getType()) {
      case RECORD -> struct(avro, schema, (GenericRecord) datum);
      case ENUM, STRING -> datum.toString();
      case ARRAY -> {
        var list = new ArrayList<>(((List<?>) datum).size());
        for (Object item : (List<?>) datum) {
          list.add(value(avro.getElementType(), schema.valueSchema(), item));
        }
        yield list;
      }
      case MAP -> {
        var map = new LinkedHashMap<String, Object>();
        ((Map<?, ?>) datum).forEach((k, v) -> map.put(k.toString(), value(avro.getValueType(), schema.valueSchema(), v)));
        yield map;
      }
      case UNION -> unionValue(avro, schema, datum);
      case FIXED -> bytes(avro, ((GenericFixed) datum).bytes());
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        yield bytes(avro, bytes);
      }
      case INT -> intValue(schema, (Integer) datum);
      case LONG -> Timestamp.LOGICAL_NAME.equals(schema.name()) ? Timestamp.toLogical(schema, (Long) datum) : datum;
      case FLOAT, DOUBLE, BOOLEAN -> datum;
      case NULL -> null;
    };
  }

  private static Struct struct(org.apache.avro.Schema avro, Schema schema, GenericRecord record) {
    var struct = new Struct(schema);
    List<Field> fields = schema.fields();
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      TrustedStructs.set(struct, field, value(avro.getFields().get(i).schema(), field.schema(), record.get(i)));
    }
    return struct;
  }

  private static Object unionValue(org.apache.avro.Schema avro, Schema schema, Object datum) {
    org.apache.avro.Schema branch = avro.getTypes().get(GenericData.get().resolveUnion(avro, datum));
    if (!Parameters.UNION.equals(schema.name())) {
      return value(branch, schema, datum);
    }
    var struct = new Struct(schema);
    Field field = schema.field(ToConnectSchema.unionFieldName(branch));
    TrustedStructs.set(struct, field, value(branch, field.schema(), datum));
    return struct;
  }

  private static Object bytes(org.apache.avro.Schema avro, byte[] bytes) {
    return avro.getLogicalType() instanceof LogicalTypes.Decimal d
        ? new BigDecimal(new BigInteger(bytes), d.getScale())
        : bytes;
  }

  private static Object intValue(Schema schema, Integer datum) {
    if (Date.LOGICAL_NAME.equals(schema.name())) {
      return Date.toLogical(schema, datum);
    }
    if (Time.LOGICAL_NAME.equals(schema.name())) {
      return Time.toLogical(schema, datum);
    }
    return switch (schema.type()) {
      case INT8 -> datum.byteValue();
      case INT16 -> datum.shortValue();
      default -> datum;
    };
  }
}
