package io.strata.registry.schemas;

import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.registry.SubjectVersion;
import org.apache.avro.Schema;

/**
 * The registry as seen by the Avro serdes of this same process (the control plane writes and reads the
 * {@code apps} and {@code tenants} topics): the calls go straight to {@link SchemaRegistry}, waiting for the
 * store to be ready, without HTTP. Failures are {@link RegistryException}s.
 */
public final class LocalSchemaRegistryClient implements SchemaRegistryClient {

  private final SchemaRegistry registry;
  private final SchemaStore store;

  LocalSchemaRegistryClient(SchemaRegistry registry, SchemaStore store) {
    this.registry = registry;
    this.store = store;
  }

  @Override
  public int register(String subject, Schema schema) {
    return registry.register(subject, request(schema));
  }

  @Override
  public int lookup(String subject, Schema schema) {
    return registry.lookup(subject, request(schema), false).id();
  }

  @Override
  public Schema schemaById(int id) {
    return store.readyView().schema(id)
        .orElseThrow(() -> RegistryException.schemaNotFound(Integer.toString(id))).avro();
  }

  @Override
  public SubjectVersion latest(String subject) {
    SchemaVersion latest = registry.version(subject, "latest", false);
    return new SubjectVersion(latest.subject(), latest.version(), latest.id(), latest.schema().avro());
  }

  @Override
  public void setCompatibility(String subject, String level) {
    registry.setLevel(subject, level);
  }

  private static SchemaRequest request(Schema schema) {
    return new SchemaRequest(schema.toString(), ParsedSchema.AVRO, 0);
  }
}
