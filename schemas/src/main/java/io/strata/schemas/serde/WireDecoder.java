package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads wire-format bytes: the writer's schema comes from the registry by the id in the header (cached there),
 * the {@link DatumReader} for that writer schema is made once by a {@link ReaderFactory} and cached. Thread-safe.
 */
final class WireDecoder<T> {

  private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

  /** Makes the reader of records written with {@code writer}; may fail with an {@link AvroSerdeException}. */
  interface ReaderFactory<T> {
    DatumReader<T> create(String topic, int schemaId, Schema writer);
  }

  private final SchemaRegistryClient registry;
  private final ReaderFactory<T> readerFactory;
  private final ConcurrentHashMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

  WireDecoder(SchemaRegistryClient registry, ReaderFactory<T> readerFactory) {
    this.registry = registry;
    this.readerFactory = readerFactory;
  }

  T decode(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(topic, data);
    return read(topic, data, id, writerSchema(topic, id));
  }

  AvroWireCodec.Decoded decodeWithSchema(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(topic, data);
    Schema writer = writerSchema(topic, id);
    return new AvroWireCodec.Decoded(id, writer, read(topic, data, id, writer));
  }

  private T read(String topic, byte[] data, int id, Schema writer) {
    DatumReader<T> reader = readers.get(writer);
    if (reader == null) {
      reader = readers.computeIfAbsent(writer, w -> readerFactory.create(topic, id, w));
    }
    BinaryDecoder reused = DECODERS.get();
    BinaryDecoder decoder = DecoderFactory.get()
        .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, reused);
    if (decoder != reused) {
      DECODERS.set(decoder);
    }
    try {
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IOException("bytes are left after the record");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new AvroSerdeException(AvroSerdeException.Reason.CORRUPT_PAYLOAD, topic, id,
          "Cannot deserialize a record of topic '" + topic + "' with schema id " + id + " (" + writer.getFullName()
              + "): the Avro payload of " + (data.length - WireFormat.HEADER_SIZE) + " byte(s) is truncated,"
              + " corrupt or not written with that schema (" + e + "). Send it to a dead-letter topic and check its"
              + " producer.", e, false);
    }
  }

  private Schema writerSchema(String topic, int id) {
    try {
      return registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.notFound()) {
        throw new AvroSerdeException(AvroSerdeException.Reason.UNKNOWN_SCHEMA_ID, topic, id,
            "Cannot deserialize a record of topic '" + topic + "': schema id " + id + " is not in the schema"
                + " registry. The record was written against another registry, or the schema was deleted; point"
                + " schema.registry.url at the producer's registry. Registry said: " + e.getMessage(), e, false);
      }
      throw new AvroSerdeException(AvroSerdeException.Reason.REGISTRY_ERROR, topic, id,
          "Cannot deserialize a record of topic '" + topic + "' with schema id " + id + ": " + e.getMessage(), e,
          e.retriable());
    }
  }
}
