package io.strata.schemas.connect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Connect schemas to Avro schemas (see {@link AvroData} for the mapping); one instance per translated schema. */
final class FromConnectSchema {

  private static final org.apache.avro.Schema NULL = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);

  /** Named Avro types made so far for one schema, so that a Connect schema used twice is one Avro type. */
  private final Map<String, Map.Entry<Schema, org.apache.avro.Schema>> named = new HashMap<>();

  private FromConnectSchema() {}

  static org.apache.avro.Schema schema(Schema schema) {
    return new FromConnectSchema().optional(schema, Parameters.DEFAULT_NAME);
  }

  private org.apache.avro.Schema optional(Schema schema, String path) {
    org.apache.avro.Schema type = nonNull(schema, path);
    return schema.isOptional() ? withNull(type, true) : type;
  }

  /** {@code type} or null; a union gets null as one more branch (Avro unions do not nest). */
  private static org.apache.avro.Schema withNull(org.apache.avro.Schema type, boolean nullFirst) {
    var branches = new ArrayList<org.apache.avro.Schema>();
    if (nullFirst) {
      branches.add(NULL);
    }
    branches.addAll(type.getType() == org.apache.avro.Schema.Type.UNION ? type.getTypes() : List.of(type));
    if (!nullFirst) {
      branches.add(NULL);
    }
    return org.apache.avro.Schema.createUnion(branches);
  }

  private org.apache.avro.Schema nonNull(Schema schema, String path) {
    org.apache.avro.Schema avro = switch (schema.type()) {
      case INT8, INT16 -> connectType(schema);
      case INT32 -> logical(schema, org.apache.avro.Schema.Type.INT);
      case INT64 -> logical(schema, org.apache.avro.Schema.Type.LONG);
      case FLOAT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
      case FLOAT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
      case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
      case STRING -> parameter(schema, Parameters.ENUM) != null
          ? enumeration(schema)
          : logical(schema, org.apache.avro.Schema.Type.STRING);
      case BYTES -> bytes(schema);
      case ARRAY -> org.apache.avro.Schema.createArray(optional(schema.valueSchema(), path + "_item"));
      case MAP -> map(schema, path);
      case STRUCT -> Parameters.UNION.equals(schema.name()) ? union(schema, path) : record(schema, path);
    };
    if (schema.parameters() != null && avro.getType() != org.apache.avro.Schema.Type.UNION) {
      schema.parameters().forEach((key, value) -> {
        if (key.startsWith(Parameters.PROPERTY) && avro.getProp(key.substring(Parameters.PROPERTY.length())) == null) {
          avro.addProp(key.substring(Parameters.PROPERTY.length()), value);
        }
      });
    }
    return avro;
  }

  private static org.apache.avro.Schema connectType(Schema schema) {
    var avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
    avro.addProp(Parameters.CONNECT_TYPE, schema.type() == Schema.Type.INT8 ? "int8" : "int16");
    return avro;
  }

  private static org.apache.avro.Schema logical(Schema schema, org.apache.avro.Schema.Type type) {
    var avro = org.apache.avro.Schema.create(type);
    LogicalType logical = logicalType(schema);
    return logical == null ? avro : logical.addToSchema(avro);
  }

  private static LogicalType logicalType(Schema schema) {
    String name = schema.name() == null ? "" : schema.name();
    return switch (name) {
      case Date.LOGICAL_NAME -> LogicalTypes.date();
      case Time.LOGICAL_NAME -> LogicalTypes.timeMillis();
      case Timestamp.LOGICAL_NAME -> LogicalTypes.timestampMillis();
      default -> {
        String avroName = parameter(schema, Parameters.LOGICAL_TYPE);
        yield avroName == null ? null : switch (avroName) {
          case "uuid" -> LogicalTypes.uuid();
          case "timestamp-micros" -> LogicalTypes.timestampMicros();
          case "timestamp-nanos" -> LogicalTypes.timestampNanos();
          case "time-micros" -> LogicalTypes.timeMicros();
          case "local-timestamp-millis" -> LogicalTypes.localTimestampMillis();
          case "local-timestamp-micros" -> LogicalTypes.localTimestampMicros();
          case "local-timestamp-nanos" -> LogicalTypes.localTimestampNanos();
          default -> throw new DataException("Unknown Avro logical type '" + avroName + "' in parameter "
              + Parameters.LOGICAL_TYPE + " of Connect schema " + schema);
        };
      }
    };
  }

  private org.apache.avro.Schema bytes(Schema schema) {
    String fixedName = parameter(schema, Parameters.FIXED);
    org.apache.avro.Schema avro;
    if (fixedName != null) {
      avro = named(schema, fixedName, () -> org.apache.avro.Schema.createFixed(simpleName(fixedName), schema.doc(),
          namespace(fixedName), Integer.parseInt(parameter(schema, Parameters.FIXED_SIZE))));
    } else {
      avro = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
    }
    if (Decimal.LOGICAL_NAME.equals(schema.name()) && avro.getLogicalType() == null) {
      String precision = parameter(schema, Parameters.DECIMAL_PRECISION);
      int scale = Integer.parseInt(parameter(schema, Decimal.SCALE_FIELD));
      LogicalTypes.decimal(precision == null ? Parameters.DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision), scale)
          .addToSchema(avro);
    }
    return avro;
  }

  private org.apache.avro.Schema enumeration(Schema schema) {
    String fullName = parameter(schema, Parameters.ENUM);
    return named(schema, fullName, () -> org.apache.avro.Schema.createEnum(simpleName(fullName), schema.doc(),
        namespace(fullName), Arrays.asList(parameter(schema, Parameters.ENUM_SYMBOLS).split(",")),
        parameter(schema, Parameters.ENUM_DEFAULT)));
  }

  private org.apache.avro.Schema map(Schema schema, String path) {
    if (schema.keySchema().type() != Schema.Type.STRING) {
      throw new DataException("Cannot translate a Connect map with " + schema.keySchema().type()
          + " keys to Avro: Avro map keys are strings");
    }
    return org.apache.avro.Schema.createMap(optional(schema.valueSchema(), path + "_value"));
  }

  private org.apache.avro.Schema union(Schema schema, String path) {
    var branches = new ArrayList<org.apache.avro.Schema>();
    for (Field field : schema.fields()) {
      branches.add(nonNull(field.schema(), path + "_" + field.name()));
    }
    return org.apache.avro.Schema.createUnion(branches);
  }

  private org.apache.avro.Schema record(Schema schema, String path) {
    String fullName = schema.name() != null ? sanitize(schema.name()) : Parameters.DEFAULT_NAMESPACE + "." + path;
    var record = new org.apache.avro.Schema[1];
    org.apache.avro.Schema avro = named(schema, fullName, () -> record[0] =
        org.apache.avro.Schema.createRecord(simpleName(fullName), schema.doc(), namespace(fullName), false));
    if (record[0] != null) {
      var fields = new ArrayList<org.apache.avro.Schema.Field>();
      for (Field field : schema.fields()) {
        fields.add(field(field, schema.name() != null ? simpleName(fullName) : path));
      }
      avro.setFields(fields);
    }
    return avro;
  }

  private org.apache.avro.Schema.Field field(Field field, String parentPath) {
    Schema schema = field.schema();
    org.apache.avro.Schema type = nonNull(schema, parentPath + "_" + sanitize(field.name()));
    Object defaultValue = schema.defaultValue();
    org.apache.avro.Schema avro = type;
    Object avroDefault = defaultValue == null ? null : json(type, FromConnectValue.value(schema, type, defaultValue));
    if (schema.isOptional()) {
      // A union's default belongs to its first branch: null first unless the default is a value.
      avro = withNull(type, defaultValue == null);
      avroDefault = defaultValue == null ? JsonProperties.NULL_VALUE : avroDefault;
    }
    return new org.apache.avro.Schema.Field(sanitize(field.name()), avro, parameter(schema, Parameters.FIELD_DOC),
        avroDefault);
  }

  private org.apache.avro.Schema named(Schema schema, String fullName,
      java.util.function.Supplier<org.apache.avro.Schema> create) {
    Map.Entry<Schema, org.apache.avro.Schema> known = named.get(fullName);
    if (known != null) {
      if (!sameType(known.getKey(), schema)) {
        throw new DataException("Two different Connect schemas are named " + fullName + "; Avro names must be unique");
      }
      return known.getValue();
    }
    org.apache.avro.Schema avro = create.get();
    named.put(fullName, Map.entry(schema, avro));
    return avro;
  }

  private static boolean sameType(Schema a, Schema b) {
    return a.type() == b.type() && java.util.Objects.equals(a.name(), b.name())
        && (a.type() != Schema.Type.STRUCT || a.fields().equals(b.fields()));
  }

  /** An Avro datum as the plain Java value an Avro field default is given as. */
  private static Object json(org.apache.avro.Schema avro, Object datum) {
    if (datum == null) {
      return JsonProperties.NULL_VALUE;
    }
    return switch (avro.getType()) {
      case RECORD -> {
        var map = new LinkedHashMap<String, Object>();
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
          map.put(field.name(), json(field.schema(), ((GenericRecord) datum).get(field.pos())));
        }
        yield map;
      }
      case UNION -> json(avro.getTypes().get(GenericData.get().resolveUnion(avro, datum)), datum);
      case ARRAY -> ((List<?>) datum).stream().map(item -> json(avro.getElementType(), item)).toList();
      case MAP -> {
        var map = new LinkedHashMap<String, Object>();
        ((Map<?, ?>) datum).forEach((k, v) -> map.put(k.toString(), json(avro.getValueType(), v)));
        yield map;
      }
      case FIXED -> ((GenericFixed) datum).bytes();
      case BYTES -> FromConnectValue.bytesOf(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES), datum);
      case ENUM, STRING -> datum.toString();
      // As a parsed schema holds them, so that the translated schema equals the original.
      case LONG -> (Long) datum == ((Long) datum).intValue() ? (Object) ((Long) datum).intValue() : datum;
      case FLOAT -> ((Float) datum).doubleValue();
      default -> datum;
    };
  }

  private static String parameter(Schema schema, String key) {
    return schema.parameters() == null ? null : schema.parameters().get(key);
  }

  private static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (String part : name.split("\\.", -1)) {
      if (!out.isEmpty()) {
        out.append('.');
      }
      String clean = part.replaceAll("[^A-Za-z0-9_]", "_");
      out.append(clean.isEmpty() || Character.isDigit(clean.charAt(0)) ? "_" + clean : clean);
    }
    return out.toString();
  }

  private static String simpleName(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1);
  }

  private static String namespace(String fullName) {
    int dot = fullName.lastIndexOf('.');
    return dot < 0 ? null : fullName.substring(0, dot);
  }
}
