package io.strata.schemas.connect;

import io.strata.schemas.registry.RegistryClientConfig;
import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.serde.AvroSerdeConfig;
import io.strata.schemas.serde.AvroSerdeException;
import io.strata.schemas.serde.AvroWireCodec;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect converter for Strata's wire-format Avro ({@code key.converter} / {@code value.converter} =
 * {@code io.strata.schemas.connect.AvroConverter}): sinks get Connect schemas and {@code Struct}s translated by
 * {@link AvroData}, sources' data is registered under {@code <topic>-value} / {@code <topic>-key} and written in
 * the wire format. Null values map to null bytes (tombstones) and back.
 *
 * <p>Settings, given with the {@code key.converter.} / {@code value.converter.} prefix: {@code schema.registry.url}
 * (required), {@code auto.register.schemas} (default true), {@code use.latest.version},
 * {@code schemas.cache.config} (default 1000) and the registry client's timeouts ({@link RegistryClientConfig}).
 */
public class AvroConverter implements Converter {

  /** Capacity of the translated-schema caches (Confluent's key). */
  public static final String SCHEMAS_CACHE_SIZE = "schemas.cache.config";

  private static final Logger log = LoggerFactory.getLogger(AvroConverter.class);

  private final SchemaRegistryClient injected;
  private SchemaRegistryClient owned;
  private AvroWireCodec codec;
  private AvroData avroData;

  /** For Connect to instantiate by class name. */
  public AvroConverter() {
    this(null);
  }

  /** Uses {@code registry} (not closed here); {@link #configure} is still needed. */
  public AvroConverter(SchemaRegistryClient registry) {
    this.injected = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    close();
    SchemaRegistryClient registry = injected;
    if (registry == null) {
      registry = owned = SchemaRegistryClient.fromConfigs(configs);
    }
    this.codec = new AvroWireCodec(registry, AvroSerdeConfig.from(configs), isKey);
    this.avroData = new AvroData(cacheSize(configs.get(SCHEMAS_CACHE_SIZE)));
    log.info("Avro converter configured: registry={} isKey={}", registry, isKey);
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema == null) {
      throw new DataException("Cannot convert a schemaless " + value.getClass().getName() + " of topic '" + topic
          + "' to Avro: the Avro converter needs Connect schemas. Give the connector a schema, or use another"
          + " converter for this topic.");
    }
    try {
      return codec().encode(topic, avroData.fromConnectSchema(schema), avroData.fromConnectData(schema, value));
    } catch (AvroSerdeException e) {
      throw new DataException(e.getMessage(), e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    try {
      AvroWireCodec.Decoded decoded = codec().decode(topic, value);
      return avroData.toConnectData(decoded.writerSchema(), decoded.value());
    } catch (AvroSerdeException e) {
      throw new DataException(e.getMessage(), e);
    }
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef()
        .define(AvroSerdeConfig.SCHEMA_REGISTRY_URL, ConfigDef.Type.LIST, ConfigDef.Importance.HIGH,
            "Comma-separated schema registry URLs, tried in turn")
        .define(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
            "Register the schema of converted data; when false it must be registered already")
        .define(AvroSerdeConfig.USE_LATEST_VERSION, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
            "Write with the subject's latest schema (needs auto.register.schemas=false)")
        .define(SCHEMAS_CACHE_SIZE, ConfigDef.Type.INT, AvroData.DEFAULT_CACHE_SIZE, ConfigDef.Range.atLeast(1),
            ConfigDef.Importance.LOW, "How many translated schemas to cache")
        .define(RegistryClientConfig.CONNECT_TIMEOUT_MS, ConfigDef.Type.LONG, 5000L, ConfigDef.Range.atLeast(1),
            ConfigDef.Importance.LOW, "Schema registry connect timeout in milliseconds")
        .define(RegistryClientConfig.REQUEST_TIMEOUT_MS, ConfigDef.Type.LONG, 10000L, ConfigDef.Range.atLeast(1),
            ConfigDef.Importance.LOW, "Schema registry request timeout in milliseconds");
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.close();
      owned = null;
    }
  }

  private AvroWireCodec codec() {
    if (codec == null) {
      throw new IllegalStateException("AvroConverter is not configured: call configure() first");
    }
    return codec;
  }

  private static int cacheSize(Object value) {
    if (value == null) {
      return AvroData.DEFAULT_CACHE_SIZE;
    }
    int size;
    try {
      size = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(SCHEMAS_CACHE_SIZE, value, "Must be a whole number of at least 1");
    }
    if (size < 1) {
      throw new ConfigException(SCHEMAS_CACHE_SIZE, value, "Must be a whole number of at least 1");
    }
    return size;
  }
}
