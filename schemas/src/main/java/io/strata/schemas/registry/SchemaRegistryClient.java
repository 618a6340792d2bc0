package io.strata.schemas.registry;

import java.util.Map;
import org.apache.avro.Schema;

/**
 * The part of the Confluent schema registry API that Avro serdes need. Implementations are thread-safe and
 * cache what they learn, so that a warmed-up serializer or deserializer makes no registry call per record.
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry answers with an error or cannot be
 * reached.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is already
   * registered there) and returns its global id. The schema text sent is {@code schema.toString()}.
   */
  int register(String subject, Schema schema);

  /**
   * The id of {@code schema} when it is already registered under {@code subject}; never registers.
   *
   * @throws SchemaRegistryException with {@link SchemaRegistryException#notFound()} true when the subject or
   *     the schema under it is unknown
   */
  int lookup(String subject, Schema schema);

  /** The schema with global id {@code id}. */
  Schema schemaById(int id);

  /** The latest version registered under {@code subject}. */
  SubjectVersion latest(String subject);

  /**
   * Sets the compatibility level of {@code subject} ({@code PUT /config/{subject}}), one of NONE, BACKWARD,
   * BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.
   */
  void setCompatibility(String subject, String level);

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}

  /**
   * A client for the registry named by {@code schema.registry.url} in {@code configs} (see
   * {@link RegistryClientConfig}): a {@link CachingSchemaRegistryClient}, or for {@code mock://<scope>} URLs the
   * {@link InMemorySchemaRegistryClient} shared by every client of that scope in this JVM.
   */
  static SchemaRegistryClient fromConfigs(Map<String, ?> configs) {
    var config = RegistryClientConfig.from(configs);
    return config.mockScope()
        .<SchemaRegistryClient>map(InMemorySchemaRegistryClient::scoped)
        .orElseGet(() -> new CachingSchemaRegistryClient(config));
  }
}
