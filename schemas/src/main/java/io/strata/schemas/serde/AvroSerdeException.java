package io.strata.schemas.serde;

import java.util.Objects;
import java.util.OptionalInt;
import org.apache.kafka.common.errors.SerializationException;

/**
 * An Avro serde could not turn a record of a topic into bytes or back. The message says what failed, on which
 * topic and schema id, and what to do; {@link #reason()} lets a dead-letter handler tell the cases apart. A Kafka
 * consumer wraps it in a {@code RecordDeserializationException} that adds the partition and offset.
 */
public final class AvroSerdeException extends SerializationException {

  /** Why a record could not be serialized or deserialized. */
  public enum Reason {
    /** The bytes do not start with magic byte 0 and a schema id: not written by a wire-format serializer. */
    NOT_WIRE_FORMAT,
    /** The schema id in the bytes is not in the registry. */
    UNKNOWN_SCHEMA_ID,
    /** The Avro payload is truncated, has trailing bytes, or was not written with the schema its id names. */
    CORRUPT_PAYLOAD,
    /** The writer's schema cannot be read into the requested type (no such class, or incompatible). */
    INCOMPATIBLE_SCHEMA,
    /** Auto-registration is off and the record's schema is not registered under the subject. */
    SCHEMA_NOT_REGISTERED,
    /** The record does not match its own schema (e.g. null in a non-null field). */
    INVALID_RECORD,
    /** The registry failed or could not be reached; trying again may succeed. */
    REGISTRY_ERROR
  }

  private final Reason reason;
  private final String topic;
  private final Integer schemaId;
  private final boolean retriable;

  AvroSerdeException(Reason reason, String topic, Integer schemaId, String message, Throwable cause,
      boolean retriable) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.topic = topic;
    this.schemaId = schemaId;
    this.retriable = retriable;
  }

  public Reason reason() {
    return reason;
  }

  /** The topic of the record. */
  public String topic() {
    return topic;
  }

  /** The schema id read from the bytes or resolved for the record, when known. */
  public OptionalInt schemaId() {
    return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
  }

  /** True when the same record may succeed later (registry unreachable or answering 5xx). */
  public boolean retriable() {
    return retriable;
  }
}
