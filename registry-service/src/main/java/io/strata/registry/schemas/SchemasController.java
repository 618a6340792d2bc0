package io.strata.registry.schemas;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.strata.registry.ConfluentJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Confluent's {@code /schemas} API: schemas by global id, what uses them, and the supported types. */
@Controller("/schemas")
@Consumes({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json", "application/octet-stream",
    "text/plain"})
@Produces({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json"})
final class SchemasController {

  private static final byte[] TYPES = ConfluentJson.bytes(List.of(ParsedSchema.AVRO));

  private final SchemaRegistry registry;
  private final Map<Integer, Body> bodies = new ConcurrentHashMap<>();

  SchemasController(SchemaRegistry registry) {
    this.registry = registry;
  }

  /**
   * {@code {"schema": "..."}}: what every deserializer asks for the id in a record, so the body is written once
   * per schema and kept. An id always names the same schema text, so a kept body never goes stale; it is
   * still checked against the schema the view holds now.
   */
  @Get("/ids/{id}")
  HttpResponse<byte[]> schema(String id) {
    int parsed = parseId(id);
    ParsedSchema schema = registry.schema(parsed);
    Body body = bodies.get(parsed);
    if (body == null || body.schema() != schema) {
      body = new Body(schema, ConfluentJson.bytes(new SchemaBody(schema.canonical())));
      bodies.put(parsed, body);
    }
    return ConfluentJson.okBytes(body.json());
  }

  /** The schema text, unescaped. */
  @Get("/ids/{id}/schema")
  HttpResponse<byte[]> schemaText(String id) {
    return ConfluentJson.okBytes(registry.schema(parseId(id)).canonical().getBytes(StandardCharsets.UTF_8));
  }

  /** The subjects with a version that uses the schema. */
  @Get("/ids/{id}/subjects")
  HttpResponse<byte[]> subjects(String id, @QueryValue(defaultValue = "false") boolean deleted) {
    return ConfluentJson.ok(registry.usages(parseId(id), deleted).stream().map(SchemaVersion::subject).distinct()
        .toList());
  }

  /** {@code [{"subject", "version"}]} of the versions that use the schema. */
  @Get("/ids/{id}/versions")
  HttpResponse<byte[]> versions(String id, @QueryValue(defaultValue = "false") boolean deleted) {
    return ConfluentJson.ok(registry.usages(parseId(id), deleted).stream()
        .map(v -> new SubjectVersionBody(v.subject(), v.version())).toList());
  }

  /** The schema types this registry accepts: {@code ["AVRO"]}. */
  @Get("/types")
  HttpResponse<byte[]> types() {
    return ConfluentJson.okBytes(TYPES);
  }

  private static int parseId(String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw RegistryException.schemaNotFound(id);
    }
  }

  record SchemaBody(String schema) {}

  private record Body(ParsedSchema schema, byte[] json) {}

  record SubjectVersionBody(String subject, int version) {}
}
