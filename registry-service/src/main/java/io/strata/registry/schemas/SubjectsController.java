package io.strata.registry.schemas;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.strata.registry.ConfluentJson;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** Confluent's {@code /subjects} API: list, read, look up, register and delete versions. */
@Controller("/subjects")
@Consumes({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json", "application/octet-stream",
    "text/plain"})
@Produces({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json"})
final class SubjectsController {

  private final SchemaRegistry registry;
  private final ExecutorService blocking;

  SubjectsController(SchemaRegistry registry, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.registry = registry;
    this.blocking = blocking;
  }

  /** Subject names, sorted. */
  @Get
  HttpResponse<byte[]> subjects(@QueryValue(defaultValue = "false") boolean deleted) {
    return ConfluentJson.ok(registry.subjects(deleted));
  }

  /** Version numbers of the subject, oldest first. */
  @Get("/{subject}/versions")
  HttpResponse<byte[]> versions(String subject, @QueryValue(defaultValue = "false") boolean deleted) {
    return ConfluentJson.ok(registry.versions(subject, deleted).stream().map(SchemaVersion::version).toList());
  }

  /** {@code {"subject", "version", "id", "schema"}} of a version or {@code latest}. */
  @Get("/{subject}/versions/{version}")
  HttpResponse<byte[]> version(String subject, String version, @QueryValue(defaultValue = "false") boolean deleted) {
    return ConfluentJson.ok(VersionBody.of(registry.version(subject, version, deleted)));
  }

  /** The schema text of a version, unescaped. */
  @Get("/{subject}/versions/{version}/schema")
  HttpResponse<byte[]> versionSchema(String subject, String version,
      @QueryValue(defaultValue = "false") boolean deleted) {
    return ConfluentJson.okBytes(registry.version(subject, version, deleted).schema().canonical()
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Registers a schema; {@code {"id": N}}, the same id for the same schema. A schema the subject has already
   * is answered on the event loop; only a write waits, on the blocking pool.
   */
  @Post("/{subject}/versions")
  CompletableFuture<HttpResponse<byte[]>> register(String subject, @Nullable @Body byte[] body) {
    SchemaRequest request = RequestBodies.schema(body);
    OptionalInt known = registry.registeredId(subject, request);
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(ConfluentJson.ok(new IdBody(known.getAsInt())));
    }
    return CompletableFuture.supplyAsync(
        () -> ConfluentJson.ok(new IdBody(registry.register(subject, request))), blocking);
  }

  /** Finds the version of the subject that has the posted schema. */
  @Post("/{subject}")
  HttpResponse<byte[]> lookup(String subject, @QueryValue(defaultValue = "false") boolean deleted,
      @Nullable @Body byte[] body) {
    return ConfluentJson.ok(VersionBody.of(registry.lookup(subject, RequestBodies.schema(body), deleted)));
  }

  /** Soft-deletes the subject, or with {@code permanent=true} removes its soft-deleted versions; lists them. */
  @Delete("/{subject}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<byte[]> deleteSubject(String subject, @QueryValue(defaultValue = "false") boolean permanent) {
    return ConfluentJson.ok(registry.deleteSubject(subject, permanent));
  }

  /** Soft-deletes one version, or with {@code permanent=true} removes a soft-deleted one; answers its number. */
  @Delete("/{subject}/versions/{version}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<byte[]> deleteVersion(String subject, String version,
      @QueryValue(defaultValue = "false") boolean permanent) {
    return ConfluentJson.ok(registry.deleteVersion(subject, version, permanent));
  }

  record IdBody(int id) {}

  record VersionBody(String subject, int version, int id, String schema) {
    static VersionBody of(SchemaVersion version) {
      return new VersionBody(version.subject(), version.version(), version.id(), version.schema().canonical());
    }
  }
}
