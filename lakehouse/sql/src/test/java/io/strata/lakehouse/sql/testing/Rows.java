package io.strata.lakehouse.sql.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Builds table rows for tests from a few values given by dotted path ({@code published.jobId}); every other
 * required field gets a neutral value (empty text, zero, empty list), optional ones stay null.
 */
public final class Rows {

  private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private Rows() {}

  public static Record row(Schema schema, Map<String, Object> values) {
    return struct(schema.asStruct(), "", values);
  }

  private static Record struct(Types.StructType type, String prefix, Map<String, Object> values) {
    Record record = GenericRecord.create(type);
    for (Types.NestedField field : type.fields()) {
      String path = prefix + field.name();
      if (values.containsKey(path)) {
        record.setField(field.name(), values.get(path));
      } else if (field.type().isStructType()
          && (field.isRequired() || values.keySet().stream().anyMatch(k -> k.startsWith(path + ".")))) {
        record.setField(field.name(), struct(field.type().asStructType(), path + ".", values));
      } else if (field.isRequired()) {
        record.setField(field.name(), neutral(field.type()));
      }
    }
    return record;
  }

  private static Object neutral(Type type) {
    return switch (type.typeId()) {
      case STRING -> "";
      case INTEGER -> 0;
      case LONG -> 0L;
      case DOUBLE -> 0.0;
      case FLOAT -> 0.0f;
      case BOOLEAN -> false;
      case TIMESTAMP -> EPOCH;
      case LIST -> List.of();
      case MAP -> Map.of();
      default -> throw new IllegalArgumentException("No neutral value for " + type + "; give one");
    };
  }
}
