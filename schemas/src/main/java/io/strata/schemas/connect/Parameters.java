package io.strata.schemas.connect;

import java.util.Set;

/**
 * Connect schema parameters (and Avro properties) that carry what Connect cannot express, so that an Avro schema
 * translated to Connect and back is the schema it was.
 */
final class Parameters {

  static final String PREFIX = "io.strata.connect.avro.";
  /** On a STRING: the Avro enum's full name; its symbols and default in the next two. */
  static final String ENUM = PREFIX + "enum";
  static final String ENUM_SYMBOLS = PREFIX + "enum.symbols";
  static final String ENUM_DEFAULT = PREFIX + "enum.default";
  /** On a BYTES or Decimal: the Avro fixed type's full name and size. */
  static final String FIXED = PREFIX + "fixed";
  static final String FIXED_SIZE = PREFIX + "fixed.size";
  /** An Avro logical type Connect has no type for (uuid, timestamp-micros, time-micros, local-timestamp-*). */
  static final String LOGICAL_TYPE = PREFIX + "logicalType";
  /** On a field's schema: the Avro field's doc. */
  static final String FIELD_DOC = PREFIX + "field.doc";
  /** Prefix of Avro schema properties kept as parameters, e.g. {@code avro.java.string}. */
  static final String PROPERTY = PREFIX + "property.";
  /** Name of the STRUCT standing for a union of several non-null types: one optional field per branch. */
  static final String UNION = PREFIX + "Union";
  /** Decimal precision, under the name Confluent's and Debezium's converters use. */
  static final String DECIMAL_PRECISION = "connect.decimal.precision";
  /** Avro property marking an int that was a Connect INT8 or INT16 (Confluent's name). */
  static final String CONNECT_TYPE = "connect.type";
  /** Namespace of Avro records made for unnamed Connect structs. */
  static final String DEFAULT_NAMESPACE = "io.strata.connect";
  static final String DEFAULT_NAME = "ConnectDefault";
  static final int DEFAULT_DECIMAL_PRECISION = 64;

  /** Avro properties that are expressed otherwise and must not be copied as {@link #PROPERTY} parameters. */
  static final Set<String> OWN_PROPERTIES = Set.of("logicalType", "precision", "scale", CONNECT_TYPE);

  private Parameters() {}
}
