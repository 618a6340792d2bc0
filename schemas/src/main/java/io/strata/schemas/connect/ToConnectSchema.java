package io.strata.schemas.connect;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Avro schemas to Connect schemas (see {@link AvroData} for the mapping). */
final class ToConnectSchema {

  private ToConnectSchema() {}

  static Schema schema(org.apache.avro.Schema avro) {
    return schema(avro, new HashSet<>());
  }

  private static Schema schema(org.apache.avro.Schema avro, Set<String> open) {
    SchemaBuilder builder = switch (avro.getType()) {
      case RECORD -> record(avro, open);
      case ENUM -> enumeration(avro);
      case ARRAY -> SchemaBuilder.array(schema(avro.getElementType(), open));
      case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, schema(avro.getValueType(), open));
      case UNION -> null;
      case FIXED -> fixed(avro);
      case STRING -> logicalParameter(avro, SchemaBuilder.string());
      case BYTES -> avro.getLogicalType() instanceof LogicalTypes.Decimal d ? decimal(d) : SchemaBuilder.bytes();
      case INT -> integer(avro);
      case LONG -> avro.getLogicalType() instanceof LogicalTypes.TimestampMillis
          ? Timestamp.builder()
          : logicalParameter(avro, SchemaBuilder.int64());
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case BOOLEAN -> SchemaBuilder.bool();
      case NULL -> throw new DataException("The Avro type null has no Connect equivalent outside a union");
    };
    if (builder == null) {
      return union(avro, open);
    }
    avro.getObjectProps().forEach((key, value) -> {
      if (value instanceof String text && !Parameters.OWN_PROPERTIES.contains(key)) {
        builder.parameter(Parameters.PROPERTY + key, text);
      }
    });
    return builder.build();
  }

  private static SchemaBuilder record(org.apache.avro.Schema avro, Set<String> open) {
    if (!open.add(avro.getFullName())) {
      throw new DataException("Avro record " + avro.getFullName() + " refers to itself; Connect has no recursive schemas");
    }
    SchemaBuilder builder = SchemaBuilder.struct().name(avro.getFullName()).doc(avro.getDoc());
    for (org.apache.avro.Schema.Field field : avro.getFields()) {
      builder.field(field.name(), field(field, open));
    }
    open.remove(avro.getFullName());
    return builder;
  }

  private static Schema field(org.apache.avro.Schema.Field field, Set<String> open) {
    Schema schema = schema(field.schema(), open);
    Object defaultValue = null;
    if (field.hasDefaultValue()) {
      Object raw = GenericData.get().getDefaultValue(field);
      defaultValue = raw == null ? null : ToConnectValue.value(field.schema(), schema, raw);
    }
    if (defaultValue == null && field.doc() == null) {
      return schema;
    }
    var parameters = new HashMap<String, String>();
    if (schema.parameters() != null) {
      parameters.putAll(schema.parameters());
    }
    if (field.doc() != null) {
      parameters.put(Parameters.FIELD_DOC, field.doc());
    }
    return copy(schema, schema.isOptional(), defaultValue, parameters);
  }

  private static SchemaBuilder enumeration(org.apache.avro.Schema avro) {
    SchemaBuilder builder = SchemaBuilder.string().name(avro.getFullName()).doc(avro.getDoc())
        .parameter(Parameters.ENUM, avro.getFullName())
        .parameter(Parameters.ENUM_SYMBOLS, String.join(",", avro.getEnumSymbols()));
    if (avro.getEnumDefault() != null) {
      builder.parameter(Parameters.ENUM_DEFAULT, avro.getEnumDefault());
    }
    return builder;
  }

  private static SchemaBuilder fixed(org.apache.avro.Schema avro) {
    SchemaBuilder builder = avro.getLogicalType() instanceof LogicalTypes.Decimal d
        ? decimal(d)
        : SchemaBuilder.bytes().name(avro.getFullName());
    return builder.doc(avro.getDoc())
        .parameter(Parameters.FIXED, avro.getFullName())
        .parameter(Parameters.FIXED_SIZE, Integer.toString(avro.getFixedSize()));
  }

  private static SchemaBuilder decimal(LogicalTypes.Decimal decimal) {
    return Decimal.builder(decimal.getScale())
        .parameter(Parameters.DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
  }

  private static SchemaBuilder integer(org.apache.avro.Schema avro) {
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Date) {
      return Date.builder();
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      return Time.builder();
    }
    return switch (String.valueOf(avro.getProp(Parameters.CONNECT_TYPE))) {
      case "int8" -> SchemaBuilder.int8();
      case "int16" -> SchemaBuilder.int16();
      default -> SchemaBuilder.int32();
    };
  }

  private static SchemaBuilder logicalParameter(org.apache.avro.Schema avro, SchemaBuilder builder) {
    return avro.getLogicalType() == null
        ? builder
        : builder.parameter(Parameters.LOGICAL_TYPE, avro.getLogicalType().getName());
  }

  private static Schema union(org.apache.avro.Schema avro, Set<String> open) {
    List<org.apache.avro.Schema> branches = avro.getTypes().stream()
        .filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL)
        .toList();
    boolean optional = branches.size() < avro.getTypes().size();
    if (branches.size() == 1) {
      Schema branch = schema(branches.get(0), open);
      return copy(branch, true, null, branch.parameters());
    }
    SchemaBuilder builder = SchemaBuilder.struct().name(Parameters.UNION);
    for (org.apache.avro.Schema branch : branches) {
      String name = unionFieldName(branch);
      if (builder.field(name) != null) {
        throw new DataException("Avro union " + avro + " has two branches named '" + name + "'");
      }
      Schema schema = schema(branch, open);
      builder.field(name, copy(schema, true, null, schema.parameters()));
    }
    return optional ? builder.optional().build() : builder.build();
  }

  /** The Connect field of a union's struct holding a branch: its type name, or a named type's simple name. */
  static String unionFieldName(org.apache.avro.Schema branch) {
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED -> branch.getName();
      default -> branch.getType().getName();
    };
  }

  /** {@code schema} with another optionality, default and parameters. */
  static Schema copy(Schema schema, boolean optional, Object defaultValue, Map<String, String> parameters) {
    Schema.Type type = schema.type();
    return new ConnectSchema(type, optional, defaultValue, schema.name(), schema.version(), schema.doc(), parameters,
        type == Schema.Type.STRUCT ? schema.fields() : null,
        type == Schema.Type.MAP ? schema.keySchema() : null,
        type == Schema.Type.MAP || type == Schema.Type.ARRAY ? schema.valueSchema() : null);
  }
}
