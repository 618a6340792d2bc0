package io.strata.registry.schemas;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.strata.registry.ConfluentJson;

/**
 * Confluent's {@code /config} API. Reads answer {@code {"compatibilityLevel": ...}}, updates take and echo
 * {@code {"compatibility": ...}}, as Confluent does.
 */
@Controller("/config")
@Consumes({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json", "application/octet-stream",
    "text/plain"})
@Produces({ConfluentJson.V1_JSON, ConfluentJson.DEFAULT_JSON, "application/json"})
final class ConfigController {

  private final SchemaRegistry registry;

  ConfigController(SchemaRegistry registry) {
    this.registry = registry;
  }

  @Get
  HttpResponse<byte[]> global() {
    return ConfluentJson.ok(new LevelBody(registry.globalLevel().name()));
  }

  @Put
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<byte[]> setGlobal(@Nullable @Body byte[] body) {
    return ConfluentJson.ok(new UpdateBody(registry.setLevel(null, RequestBodies.compatibility(body)).name()));
  }

  /** The subject's own level: 40408 when it has none, unless {@code defaultToGlobal=true}. */
  @Get("/{subject}")
  HttpResponse<byte[]> subject(String subject, @QueryValue(defaultValue = "false") boolean defaultToGlobal) {
    return ConfluentJson.ok(new LevelBody(registry.subjectLevel(subject, defaultToGlobal).name()));
  }

  @Put("/{subject}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<byte[]> setSubject(String subject, @Nullable @Body byte[] body) {
    return ConfluentJson.ok(new UpdateBody(registry.setLevel(subject, RequestBodies.compatibility(body)).name()));
  }

  /** Removes the subject's level, so the global one applies again; answers the removed level. */
  @Delete("/{subject}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<byte[]> deleteSubject(String subject) {
    return ConfluentJson.ok(new LevelBody(registry.deleteLevel(subject).name()));
  }

  record LevelBody(String compatibilityLevel) {}

  record UpdateBody(String compatibility) {}
}
