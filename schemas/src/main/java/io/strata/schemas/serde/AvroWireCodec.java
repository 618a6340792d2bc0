package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;

/**
 * The wire format for any Avro schema, records or not, with datums in Avro's generic representation and
 * logical types left raw (a decimal is a {@code ByteBuffer}, a date an {@code int}). For code that works on
 * schemas it does not know at compile time, such as the Kafka Connect converter. Thread-safe.
 */
public final class AvroWireCodec {

  private final WireEncoder encoder;
  private final WireDecoder<Object> decoder;

  /**
   * @param registry the registry client, not closed by the codec
   * @param config serde settings ({@code auto.register.schemas}, {@code use.latest.version})
   * @param isKey true for record keys ({@code <topic>-key} subjects)
   */
  public AvroWireCodec(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey) {
    this.encoder = new WireEncoder(registry, config, isKey, schema -> new GenericDatumWriter<>(schema, GenericData.get()));
    this.decoder = new WireDecoder<>(registry, Readers.generic());
  }

  /**
   * The wire-format bytes of {@code datum} written with {@code schema}, registered under the topic's subject.
   *
   * @throws AvroSerdeException when the schema cannot be registered or the datum does not match it
   */
  public byte[] encode(String topic, Schema schema, Object datum) {
    return encoder.encode(topic, schema, datum);
  }

  /**
   * Reads wire-format bytes with the writer's schema; null for null bytes.
   *
   * @throws AvroSerdeException naming the topic (and schema id) when the bytes are not a valid record
   */
  public Decoded decode(String topic, byte[] data) {
    return decoder.decodeWithSchema(topic, data);
  }

  /**
   * A decoded record.
   *
   * @param schemaId the id in the bytes
   * @param writerSchema the schema it was written with
   * @param value the datum in Avro's generic representation
   */
  public record Decoded(int schemaId, Schema writerSchema, Object value) {}
}
