package io.strata.schemas.serde;

import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/** The reader factories of the deserializers: generic (writer's schema) and specific (a generated class). */
final class Readers {

  private Readers() {}

  /** Reads records as {@code GenericData} datums of the writer's own schema, logical types left raw. */
  static <T> WireDecoder.ReaderFactory<T> generic() {
    return (topic, id, writer) -> new GenericDatumReader<>(writer, writer, GenericData.get());
  }

  /**
   * Reads into {@code type}, or when it is null into the generated class named like the writer's schema,
   * resolving the writer's schema to the class's schema.
   */
  static <T> WireDecoder.ReaderFactory<T> specific(Class<?> type) {
    return (topic, id, writer) -> {
      Class<?> target = type != null ? type : SpecificData.get().getClass(writer);
      if (target == null) {
        throw new AvroSerdeException(AvroSerdeException.Reason.INCOMPATIBLE_SCHEMA, topic, id,
            "Cannot deserialize a record of topic '" + topic + "' with schema id " + id + ": no generated class "
                + writer.getFullName() + " on the classpath. Add it, set " + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE
                + " (or .key.type), or use GenericAvroDeserializer.", null, false);
      }
      Schema reader = SpecificData.get().getSchema(target);
      var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
      if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw new AvroSerdeException(AvroSerdeException.Reason.INCOMPATIBLE_SCHEMA, topic, id,
            "Cannot deserialize a record of topic '" + topic + "' with schema id " + id + " (" + writer.getFullName()
                + ") into " + target.getName() + ": " + describe(compatibility) + ". Regenerate the class from a"
                + " schema that can read this one, or read with GenericAvroDeserializer.", null, false);
      }
      return new SpecificDatumReader<>(writer, reader, SpecificData.getForClass(target));
    };
  }

  private static String describe(SchemaCompatibility.SchemaPairCompatibility compatibility) {
    return compatibility.getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + (i.getMessage() == null ? "" : " (" + i.getMessage() + ")"))
        .collect(Collectors.joining("; "));
  }
}
