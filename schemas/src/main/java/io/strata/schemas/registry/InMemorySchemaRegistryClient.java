package io.strata.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, behaving like Confluent's: ids are global and start at 1, the same schema
 * text gets the same id under every subject, registering a schema again under a subject returns its id without
 * a new version, and unknown subjects, schemas and ids fail with the registry's 404 error codes (40401, 40403).
 * It checks no compatibility. For tests and tools; also reached with {@code schema.registry.url=mock://<scope>}.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private static final ConcurrentHashMap<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int SCHEMA_NOT_FOUND = 40403;

  // Lock-free read paths, so that serdes on this client cost what they cost on the caching HTTP client.
  private final ConcurrentHashMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsByText = new HashMap<>();
  private final Map<String, List<SubjectVersion>> subjects = new LinkedHashMap<>();
  private final ConcurrentHashMap<String, String> compatibility = new ConcurrentHashMap<>();
  private int nextId = 1;

  /** The registry shared by every {@code mock://<scope>} client of this JVM, created on first use. */
  public static InMemorySchemaRegistryClient scoped(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets the registry of {@code scope}; the next {@link #scoped(String)} starts an empty one. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer known = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
    return known != null ? known : registerNew(subject, schema, 0);
  }

  /**
   * Registers {@code schema} under {@code subject} with the given global id, as a registry that imported it
   * would; for tests that need a known id on the wire.
   *
   * @throws IllegalArgumentException when {@code id} belongs to another schema, or the schema has another id
   */
  public int register(String subject, Schema schema, int id) {
    if (id < 1) {
      throw new IllegalArgumentException("Schema ids start at 1, got " + id);
    }
    return registerNew(subject, schema, id);
  }

  /** Records the level; this fake does not enforce compatibility (the registry service does). */
  @Override
  public void setCompatibility(String subject, String level) {
    compatibility.put(subject, level);
  }

  /** The level last set on {@code subject}, if any. */
  public java.util.Optional<String> compatibility(String subject) {
    return java.util.Optional.ofNullable(compatibility.get(subject));
  }

  @Override
  public int lookup(String subject, Schema schema) {
    var key = new SubjectSchema(subject, schema);
    Integer known = idsBySubjectSchema.get(key);
    if (known != null) {
      return known;
    }
    synchronized (this) {
      List<SubjectVersion> versions = subjects.get(subject);
      if (versions == null) {
        throw SchemaRegistryException.notFound("Subject '" + subject + "' not found", SUBJECT_NOT_FOUND, subject, null);
      }
      String text = schema.toString();
      return versions.stream()
          .filter(v -> v.schema().toString().equals(text))
          .map(SubjectVersion::id)
          .findFirst()
          .map(id -> remember(key, id))
          .orElseThrow(() -> SchemaRegistryException.notFound("Schema " + schema.getFullName()
              + " not found under subject '" + subject + "'", SCHEMA_NOT_FOUND, subject, null));
    }
  }

  @Override
  public Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw SchemaRegistryException.notFound("Schema " + id + " not found", SCHEMA_NOT_FOUND, null, id);
    }
    return schema;
  }

  @Override
  public synchronized SubjectVersion latest(String subject) {
    List<SubjectVersion> versions = subjects.get(subject);
    if (versions == null) {
      throw SchemaRegistryException.notFound("Subject '" + subject + "' not found", SUBJECT_NOT_FOUND, subject, null);
    }
    return versions.get(versions.size() - 1);
  }

  /** The registered subjects, in registration order of their first version. */
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  /** Every version of {@code subject}, oldest first; empty when the subject is unknown. */
  public synchronized List<SubjectVersion> versions(String subject) {
    return List.copyOf(subjects.getOrDefault(subject, List.of()));
  }

  private synchronized int registerNew(String subject, Schema schema, int requestedId) {
    String text = schema.toString();
    Integer existing = idsByText.get(text);
    if (requestedId > 0) {
      Schema holder = schemasById.get(requestedId);
      if (holder != null && !holder.toString().equals(text) || existing != null && existing != requestedId) {
        throw new IllegalArgumentException("Cannot register " + schema.getFullName() + " with id " + requestedId
            + ": the id or the schema is registered already (schema has id " + existing + ")");
      }
      existing = requestedId;
      nextId = Math.max(nextId, requestedId + 1);
    }
    int id = existing != null ? existing : nextId++;
    idsByText.put(text, id);
    schemasById.putIfAbsent(id, schema);
    List<SubjectVersion> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (versions.stream().noneMatch(v -> v.id() == id)) {
      versions.add(new SubjectVersion(subject, versions.size() + 1, id, schema));
    }
    return remember(new SubjectSchema(subject, schema), id);
  }

  private int remember(SubjectSchema key, int id) {
    idsBySubjectSchema.put(key, id);
    return id;
  }
}
