package io.strata.schemas.connect;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates Avro schemas and generic datums to Kafka Connect schemas and values and back, caching translated
 * schemas (least recently used beyond the capacity). Thread-safe.
 *
 * <table>
 *   <caption>Avro to Connect</caption>
 *   <tr><th>Avro</th><th>Connect</th></tr>
 *   <tr><td>record</td><td>STRUCT named like the record, doc kept; field docs in parameter
 *       {@code io.strata.connect.avro.field.doc}; field defaults as schema defaults</td></tr>
 *   <tr><td>enum</td><td>STRING named like the enum, symbols and default in {@code io.strata.connect.avro.enum*}
 *       parameters, so that the way back restores the enum</td></tr>
 *   <tr><td>array, map</td><td>ARRAY, MAP with STRING keys</td></tr>
 *   <tr><td>union of null and X</td><td>X, optional</td></tr>
 *   <tr><td>other unions</td><td>optional-field STRUCT named {@code io.strata.connect.avro.Union}, one field per
 *       branch (type name, or a named type's simple name), exactly one set</td></tr>
 *   <tr><td>bytes, fixed</td><td>BYTES ({@code byte[]}); fixed keeps name and size in parameters</td></tr>
 *   <tr><td>decimal</td><td>{@code Decimal} (BigDecimal; precision in {@code connect.decimal.precision})</td></tr>
 *   <tr><td>date, time-millis, timestamp-millis</td><td>{@code Date}, {@code Time}, {@code Timestamp}
 *       ({@code java.util.Date})</td></tr>
 *   <tr><td>timestamp-micros, time-micros, local-timestamp-*, uuid</td><td>INT64 or STRING, lossless, with the
 *       logical type in parameter {@code io.strata.connect.avro.logicalType}</td></tr>
 *   <tr><td>other schema properties with text values (e.g. {@code avro.java.string})</td><td>parameters
 *       {@code io.strata.connect.avro.property.<name>}</td></tr>
 * </table>
 *
 * <p>INT8 and INT16 become Avro ints marked {@code connect.type}; unnamed structs become records named
 * {@code io.strata.connect.ConnectDefault…} after their path; maps need string keys. Record-typed field defaults
 * are kept as values whose struct schema is the field type without its default.
 */
public final class AvroData {

  /** Default capacity of each schema cache, as Confluent's {@code schemas.cache.config}. */
  public static final int DEFAULT_CACHE_SIZE = 1000;

  private final BoundedCache<org.apache.avro.Schema, Schema> toConnect;
  private final BoundedCache<Schema, org.apache.avro.Schema> fromConnect;

  public AvroData(int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException("The schema cache needs room for at least one schema, got " + cacheSize);
    }
    this.toConnect = new BoundedCache<>(cacheSize);
    this.fromConnect = new BoundedCache<>(cacheSize);
  }

  /**
   * The Connect schema of an Avro schema.
   *
   * @throws DataException for schemas Connect cannot express (recursive records, a bare null)
   */
  public Schema toConnectSchema(org.apache.avro.Schema avroSchema) {
    return toConnect.get(avroSchema, ToConnectSchema::schema);
  }

  /** A datum in Avro's generic representation (logical types raw) as a Connect value with its schema. */
  public SchemaAndValue toConnectData(org.apache.avro.Schema avroSchema, Object datum) {
    Schema schema = toConnectSchema(avroSchema);
    return new SchemaAndValue(schema, ToConnectValue.value(avroSchema, schema, datum));
  }

  /**
   * The Avro schema of a Connect schema.
   *
   * @throws DataException for schemas Avro cannot express (maps with non-string keys, clashing names)
   */
  public org.apache.avro.Schema fromConnectSchema(Schema schema) {
    return fromConnect.get(schema, FromConnectSchema::schema);
  }

  /** A Connect value as a datum in Avro's generic representation of {@link #fromConnectSchema(Schema)}. */
  public Object fromConnectData(Schema schema, Object value) {
    return FromConnectValue.value(schema, fromConnectSchema(schema), value);
  }
}
