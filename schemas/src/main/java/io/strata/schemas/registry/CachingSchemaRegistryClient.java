package io.strata.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaRegistryClient} speaking Confluent's REST API over HTTP, with caches: schemas by id and ids by
 * (subject, schema) are kept forever (registry ids are immutable), the latest version of a subject for
 * {@value RegistryClientConfig#LATEST_CACHE_TTL_SEC} seconds. Concurrent misses of the same key make one request
 * and share its answer; a failed request is not cached.
 *
 * <p>Endpoints used: {@code POST /subjects/{subject}/versions} (register), {@code POST /subjects/{subject}}
 * (lookup), {@code GET /schemas/ids/{id}} and {@code GET /subjects/{subject}/versions/latest}.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private static final Logger log = LoggerFactory.getLogger(CachingSchemaRegistryClient.class);

  private final RegistryHttp http;
  private final Clock clock;
  private final RegistryClientConfig config;
  private final SingleFlight<Integer, Schema> schemasById = new SingleFlight<>();
  private final SingleFlight<SubjectSchema, Integer> registeredIds = new SingleFlight<>();
  private final SingleFlight<SubjectSchema, Integer> foundIds = new SingleFlight<>();
  private final SingleFlight<String, Fetched> latestVersions = new SingleFlight<>();

  /** A client for {@code config}'s URLs; it opens connections only when a call needs them. */
  public CachingSchemaRegistryClient(RegistryClientConfig config) {
    this(config, Clock.systemUTC());
  }

  CachingSchemaRegistryClient(RegistryClientConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = new RegistryHttp(config);
  }

  @Override
  public int register(String subject, Schema schema) {
    return registeredIds.get(new SubjectSchema(subject, schema), this::registerRemotely);
  }

  @Override
  public int lookup(String subject, Schema schema) {
    var key = new SubjectSchema(subject, schema);
    Integer registered = registeredIds.ifLoaded(key);
    return registered != null ? registered : foundIds.get(key, this::lookupRemotely);
  }

  @Override
  public Schema schemaById(int id) {
    return schemasById.get(id, this::fetchSchema);
  }

  @Override
  public SubjectVersion latest(String subject) {
    Fetched fetched = latestVersions.get(subject, this::fetchLatest);
    if (fetched.isStale(clock.instant(), config)) {
      latestVersions.forget(subject, fetched);
      fetched = latestVersions.get(subject, this::fetchLatest);
    }
    return fetched.version();
  }

  @Override
  public void setCompatibility(String subject, String level) {
    var call = new RegistryHttp.Call("PUT", "/config/" + RegistryHttp.subjectPath(subject),
        "Cannot set compatibility " + level + " on subject '" + subject + "'", subject, null);
    http.send(call, http.json().createObjectNode().put("compatibility", level).toString());
    log.info("Set compatibility: subject={} level={}", subject, level);
  }

  private int registerRemotely(SubjectSchema key) {
    var call = new RegistryHttp.Call("POST", "/subjects/" + RegistryHttp.subjectPath(key.subject()) + "/versions",
        "Cannot register schema " + key.schema().getFullName() + " under subject '" + key.subject() + "'",
        key.subject(), null);
    JsonNode answer = http.send(call, schemaBody(key.schema()));
    int id = requireInt(answer, "id", call);
    schemasById.put(id, key.schema());
    log.info("Registered schema: subject={} schema={} id={}", key.subject(), key.schema().getFullName(), id);
    return id;
  }

  private int lookupRemotely(SubjectSchema key) {
    var call = new RegistryHttp.Call("POST", "/subjects/" + RegistryHttp.subjectPath(key.subject()),
        "Cannot look up schema " + key.schema().getFullName() + " under subject '" + key.subject() + "'",
        key.subject(), null);
    int id = requireInt(http.send(call, schemaBody(key.schema())), "id", call);
    schemasById.put(id, key.schema());
    log.debug("Looked up schema: subject={} schema={} id={}", key.subject(), key.schema().getFullName(), id);
    return id;
  }

  private Schema fetchSchema(int id) {
    var call = new RegistryHttp.Call("GET", "/schemas/ids/" + id, "Cannot fetch schema id " + id, null, id);
    Schema schema = parse(requireText(http.send(call, null), "schema", call), call);
    log.debug("Fetched schema: id={} schema={}", id, schema.getFullName());
    return schema;
  }

  private Fetched fetchLatest(String subject) {
    var call = new RegistryHttp.Call("GET", "/subjects/" + RegistryHttp.subjectPath(subject) + "/versions/latest",
        "Cannot fetch the latest version of subject '" + subject + "'", subject, null);
    JsonNode answer = http.send(call, null);
    int id = requireInt(answer, "id", call);
    Schema schema = schemasById.get(id, ignored -> parse(requireText(answer, "schema", call), call));
    var version = new SubjectVersion(subject, requireInt(answer, "version", call), id, schema);
    log.debug("Fetched latest version: subject={} version={} id={}", subject, version.version(), id);
    return new Fetched(version, clock.instant());
  }

  private String schemaBody(Schema schema) {
    // Confluent's serializer sends schema.toString(): the same text gives the same id on any registry.
    return http.json().createObjectNode().put("schema", schema.toString()).toString();
  }

  private static int requireInt(JsonNode answer, String field, RegistryHttp.Call call) {
    JsonNode value = answer.path(field);
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw malformed(call, "no integer '" + field + "' in " + answer);
    }
    return value.intValue();
  }

  private static String requireText(JsonNode answer, String field, RegistryHttp.Call call) {
    JsonNode value = answer.path(field);
    if (!value.isTextual()) {
      throw malformed(call, "no text '" + field + "' in " + answer);
    }
    return value.asText();
  }

  private static Schema parse(String text, RegistryHttp.Call call) {
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(call.failure() + ": the registry returned a schema that is not valid Avro: "
          + e.getMessage(), 200, 200, call.subject(), call.schemaId(), e);
    }
  }

  private static SchemaRegistryException malformed(RegistryHttp.Call call, String detail) {
    return new SchemaRegistryException(call.failure() + ": unexpected answer from the schema registry, " + detail,
        200, 200, call.subject(), call.schemaId(), null);
  }

  private record Fetched(SubjectVersion version, Instant at) {
    boolean isStale(Instant now, RegistryClientConfig config) {
      return !config.latestCacheTtl().isNegative() && at.plus(config.latestCacheTtl()).isBefore(now);
    }
  }

  @Override
  public String toString() {
    return "CachingSchemaRegistryClient" + config.urls();
  }
}
