package io.strata.schemas.connect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.kafka.connect.errors.DataException;

/** Connect values to Avro generic datums (logical types raw) of the translated schema. */
final class FromConnectValue {

  private FromConnectValue() {}

  static Object value(Schema schema, org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      return null;
    }
    try {
      return switch (avro.getType()) {
        case UNION -> unionValue(schema, avro, value);
        case RECORD -> record(schema, avro, (Struct) value);
        case ENUM -> {
          if (!avro.hasEnumSymbol(value.toString())) {
            throw new DataException("'" + value + "' is not a symbol of enum " + avro.getFullName() + " "
                + avro.getEnumSymbols());
          }
          yield new GenericData.EnumSymbol(avro, value.toString());
        }
        case ARRAY -> {
          var list = new ArrayList<>(((List<?>) value).size());
          for (Object item : (List<?>) value) {
            list.add(value(schema.valueSchema(), avro.getElementType(), item));
          }
          yield list;
        }
        case MAP -> {
          var map = new LinkedHashMap<String, Object>();
          ((Map<?, ?>) value).forEach((k, v) -> map.put(k.toString(), value(schema.valueSchema(), avro.getValueType(), v)));
          yield map;
        }
        case FIXED -> fixed(avro, bytesOf(avro, value));
        case BYTES -> ByteBuffer.wrap(bytesOf(avro, value));
        case STRING -> value.toString();
        case INT -> intValue(schema, value);
        case LONG -> value instanceof java.util.Date date ? Timestamp.fromLogical(schema, date) : ((Number) value).longValue();
        case FLOAT, DOUBLE, BOOLEAN -> value;
        case NULL -> null;
      };
    } catch (ClassCastException e) {
      throw new DataException("A " + value.getClass().getName() + " is not a valid value of Connect schema "
          + schema.type() + (schema.name() == null ? "" : " " + schema.name()) + " (Avro " + avro + ")", e);
    }
  }

  private static Object unionValue(Schema schema, org.apache.avro.Schema avro, Object value) {
    if (!Parameters.UNION.equals(schema.name())) {
      org.apache.avro.Schema branch = avro.getTypes().stream()
          .filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL)
          .findFirst()
          .orElseThrow();
      return value(schema, branch, value);
    }
    Struct struct = (Struct) value;
    for (Field field : schema.fields()) {
      Object branchValue = struct.get(field);
      if (branchValue != null) {
        org.apache.avro.Schema branch = avro.getTypes().stream()
            .filter(t -> ToConnectSchema.unionFieldName(t).equals(field.name()))
            .findFirst()
            .orElseThrow(() -> new DataException("Union " + avro + " has no branch for field '" + field.name() + "'"));
        return value(field.schema(), branch, branchValue);
      }
    }
    return null;
  }

  private static GenericRecord record(Schema schema, org.apache.avro.Schema avro, Struct struct) {
    var record = new GenericData.Record(avro);
    List<Field> fields = schema.fields();
    for (int i = 0; i < fields.size(); i++) {
      record.put(i, value(fields.get(i).schema(), avro.getFields().get(i).schema(), struct.get(fields.get(i))));
    }
    return record;
  }

  private static Object intValue(Schema schema, Object value) {
    if (value instanceof java.util.Date date) {
      return Date.LOGICAL_NAME.equals(schema.name()) ? Date.fromLogical(schema, date) : Time.fromLogical(schema, date);
    }
    return ((Number) value).intValue();
  }

  static byte[] bytesOf(org.apache.avro.Schema avro, Object value) {
    if (avro.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      BigDecimal number = (BigDecimal) value;
      try {
        return number.setScale(decimal.getScale(), RoundingMode.UNNECESSARY).unscaledValue().toByteArray();
      } catch (ArithmeticException e) {
        throw new DataException("Decimal " + number + " does not fit scale " + decimal.getScale(), e);
      }
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    return (byte[]) value;
  }

  private static GenericFixed fixed(org.apache.avro.Schema avro, byte[] bytes) {
    int size = avro.getFixedSize();
    if (bytes.length > size) {
      throw new DataException(bytes.length + " bytes do not fit Avro fixed " + avro.getFullName() + " of size " + size);
    }
    byte[] padded = bytes;
    if (bytes.length < size) {
      if (!(avro.getLogicalType() instanceof LogicalTypes.Decimal)) {
        throw new DataException(bytes.length + " bytes given for Avro fixed " + avro.getFullName() + " of size " + size);
      }
      padded = new byte[size];
      Arrays.fill(padded, 0, size - bytes.length, bytes.length > 0 && bytes[0] < 0 ? (byte) -1 : 0);
      System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
    }
    return new GenericData.Fixed(avro, padded);
  }
}
