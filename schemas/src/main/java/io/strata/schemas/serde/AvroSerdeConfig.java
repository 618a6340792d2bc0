package io.strata.schemas.serde;

import io.strata.schemas.registry.RegistryClientConfig;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the Avro serdes and of the Connect converter, under Confluent's key names. The registry client's
 * own settings ({@value #SCHEMA_REGISTRY_URL} and timeouts) are read by {@link RegistryClientConfig}.
 *
 * <ul>
 *   <li>{@value #AUTO_REGISTER_SCHEMAS} (default true): the serializer registers the record's schema under the
 *       subject; when false it only looks it up and fails when it is not registered;
 *   <li>{@value #USE_LATEST_VERSION} (default false, needs auto-registration off): the serializer writes with the
 *       subject's latest schema and its id, taking the record's fields by name;
 *   <li>{@value #SPECIFIC_AVRO_READER} (default false): the generic deserializer returns generated classes;
 *   <li>{@value #SPECIFIC_AVRO_KEY_TYPE} / {@value #SPECIFIC_AVRO_VALUE_TYPE}: the generated class a specific
 *       deserializer reads into, when it was not given one (otherwise the class named like the writer's schema).
 * </ul>
 *
 * <p>Subjects are always {@code <topic>-key} / {@code <topic>-value} (TopicNameStrategy); setting
 * {@value #KEY_SUBJECT_NAME_STRATEGY} or {@value #VALUE_SUBJECT_NAME_STRATEGY} to another strategy fails.
 *
 * @param autoRegisterSchemas register schemas while serializing
 * @param useLatestVersion serialize with the subject's latest schema
 * @param specificAvroReader generic deserializer returns generated classes
 * @param specificKeyType generated class for keys, or null
 * @param specificValueType generated class for values, or null
 */
public record AvroSerdeConfig(boolean autoRegisterSchemas, boolean useLatestVersion, boolean specificAvroReader,
    Class<?> specificKeyType, Class<?> specificValueType) {

  public static final String SCHEMA_REGISTRY_URL = RegistryClientConfig.SCHEMA_REGISTRY_URL;
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
  public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

  /** Confluent's defaults: auto-registration on, everything else off. */
  public static final AvroSerdeConfig DEFAULTS = new AvroSerdeConfig(true, false, false, null, null);

  public AvroSerdeConfig {
    if (useLatestVersion && autoRegisterSchemas) {
      throw new ConfigException(USE_LATEST_VERSION, true, "use.latest.version=true needs auto.register.schemas=false:"
          + " the serializer either registers the record's schema or writes with the latest registered one");
    }
  }

  /**
   * Reads and validates the settings.
   *
   * @throws ConfigException naming the key and the accepted values when a setting is invalid
   */
  public static AvroSerdeConfig from(Map<String, ?> configs) {
    requireTopicNameStrategy(configs, KEY_SUBJECT_NAME_STRATEGY);
    requireTopicNameStrategy(configs, VALUE_SUBJECT_NAME_STRATEGY);
    return new AvroSerdeConfig(
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        bool(configs, USE_LATEST_VERSION, false),
        bool(configs, SPECIFIC_AVRO_READER, false),
        type(configs, SPECIFIC_AVRO_KEY_TYPE),
        type(configs, SPECIFIC_AVRO_VALUE_TYPE));
  }

  /** The generated class configured for keys or values, or null. */
  Class<?> specificType(boolean isKey) {
    return isKey ? specificKeyType : specificValueType;
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, value, "Expected true or false");
    };
  }

  private static Class<?> type(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value == null || value instanceof Class<?>) {
      return (Class<?>) value;
    }
    try {
      return Class.forName(value.toString().strip(), false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigException(key, value, "No such class on the classpath; give the generated Avro class's name");
    }
  }

  private static void requireTopicNameStrategy(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    String name = value instanceof Class<?> c ? c.getName() : value == null ? null : value.toString();
    if (name != null && !name.endsWith("TopicNameStrategy")) {
      throw new ConfigException(key, value, "Only TopicNameStrategy (<topic>-key, <topic>-value) is supported");
    }
  }
}
