package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.registry.SchemaRegistryException;
import io.strata.schemas.registry.SubjectVersion;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;

/**
 * Writes datums in the wire format: resolves the subject's schema id through the registry client (cached there)
 * and encodes with a {@link DatumWriter} cached per schema. Thread-safe.
 */
final class WireEncoder {

  private final SchemaRegistryClient registry;
  private final AvroSerdeConfig config;
  private final String subjectSuffix;
  private final Function<Schema, DatumWriter<Object>> writerFactory;
  private final ConcurrentHashMap<String, String> subjects = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SchemaPair, DatumWriter<Object>> latestWriters = new ConcurrentHashMap<>();

  /** A record's own schema and the subject's latest one it is written with; lookups hit by identity. */
  private record SchemaPair(Schema latest, Schema own) {}

  /**
   * @param writerFactory makes the writer of a schema: its data model decides how datums are read (generic
   *     records, or generated classes with their logical-type conversions)
   */
  WireEncoder(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey,
      Function<Schema, DatumWriter<Object>> writerFactory) {
    this.registry = registry;
    this.config = config;
    this.subjectSuffix = isKey ? "-key" : "-value";
    this.writerFactory = writerFactory;
  }

  byte[] encode(String topic, Schema schema, Object datum) {
    String subject = subjects.get(topic);
    if (subject == null) {
      subject = subjects.computeIfAbsent(topic, t -> t + subjectSuffix);
    }
    int id;
    DatumWriter<Object> writer;
    Schema writerSchema;
    if (config.useLatestVersion()) {
      SubjectVersion latest = latest(topic, subject);
      id = latest.id();
      writerSchema = latest.schema();
      writer = latestWriter(writerSchema, schema);
    } else {
      id = schemaId(topic, subject, schema);
      writerSchema = schema;
      writer = writer(schema);
    }
    OutputBuffer out = OutputBuffer.forThisThread();
    WireFormat.writeHeader(out, id);
    try {
      BinaryEncoder encoder = out.encoder();
      writer.write(datum, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new AvroSerdeException(AvroSerdeException.Reason.INVALID_RECORD, topic, id,
          "Cannot serialize " + writerSchema.getFullName() + " for topic '" + topic + "' (schema id " + id + "): "
              + e.getMessage(), e, false);
    }
    return out.toByteArray();
  }

  private DatumWriter<Object> writer(Schema schema) {
    DatumWriter<Object> writer = writers.get(schema);
    return writer != null ? writer : writers.computeIfAbsent(schema, writerFactory);
  }

  private DatumWriter<Object> latestWriter(Schema latest, Schema own) {
    var key = new SchemaPair(latest, own);
    DatumWriter<Object> writer = latestWriters.get(key);
    return writer != null ? writer : latestWriters.computeIfAbsent(key, k -> k.latest().equals(k.own())
        ? writer(k.own())
        : new GenericDatumWriter<>(k.latest(), new ByNameData(SpecificData.getForSchema(k.own()))));
  }

  private int schemaId(String topic, String subject, Schema schema) {
    try {
      return config.autoRegisterSchemas() ? registry.register(subject, schema) : registry.lookup(subject, schema);
    } catch (SchemaRegistryException e) {
      if (e.notFound() && !config.autoRegisterSchemas()) {
        throw new AvroSerdeException(AvroSerdeException.Reason.SCHEMA_NOT_REGISTERED, topic, null,
            "Cannot serialize " + schema.getFullName() + " for topic '" + topic + "': its schema is not registered"
                + " under subject '" + subject + "' and auto.register.schemas=false. Register it first (POST /subjects/"
                + subject + "/versions) or set auto.register.schemas=true. Registry said: " + e.getMessage(),
            e, false);
      }
      throw registryFailure(topic, schema, e);
    }
  }

  private SubjectVersion latest(String topic, String subject) {
    try {
      return registry.latest(subject);
    } catch (SchemaRegistryException e) {
      if (e.notFound()) {
        throw new AvroSerdeException(AvroSerdeException.Reason.SCHEMA_NOT_REGISTERED, topic, null,
            "Cannot serialize for topic '" + topic + "' with use.latest.version=true: subject '" + subject
                + "' has no registered version. Register the schema first. Registry said: " + e.getMessage(),
            e, false);
      }
      throw registryFailure(topic, null, e);
    }
  }

  private static AvroSerdeException registryFailure(String topic, Schema schema, SchemaRegistryException e) {
    String what = schema == null ? "a record" : schema.getFullName();
    return new AvroSerdeException(AvroSerdeException.Reason.REGISTRY_ERROR, topic, null,
        "Cannot serialize " + what + " for topic '" + topic + "': " + e.getMessage(), e, e.retriable());
  }
}
