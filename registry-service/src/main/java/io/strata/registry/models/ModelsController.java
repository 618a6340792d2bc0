package io.strata.registry.models;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.ControlPlane;
import io.strata.registry.controlplane.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/models}: authenticates (the operator, naming the tenant with {@code tenantId}; or an app on its own
 * tenant), parses, hands over to {@link Models}. Runs on the blocking pool: publishing reads the artifact.
 */
@Controller("/v1/models")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ModelsController {

  /** The artifact's SHA-256, so that a client can check what it downloaded. */
  static final String SHA256_HEADER = "X-Strata-Artifact-SHA256";

  private final ControlPlane controlPlane;
  private final ModelsFeature feature;

  ModelsController(ControlPlane controlPlane, ModelsFeature feature) {
    this.controlPlane = controlPlane;
    this.feature = feature;
  }

  @Get
  HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String tenantId) {
    var caller = controlPlane.caller(request, null);
    return ControlPlane.json(200, Map.of("models", models().list(caller, tenantId)));
  }

  @Get("/{name}")
  HttpResponse<String> get(HttpRequest<?> request, @PathVariable String name, @Nullable @QueryValue String tenantId) {
    var caller = controlPlane.caller(request, null);
    return ControlPlane.json(200, models().get(caller, tenantId, name));
  }

  @Post(value = "/{name}/versions", consumes = "*/*")
  HttpResponse<String> publish(HttpRequest<?> request, @PathVariable String name,
      @Nullable @QueryValue String tenantId, @Nullable @Body String body) {
    var caller = controlPlane.caller(request, body);
    var json = Json.object(body);
    return ControlPlane.json(201, models().publish(caller, tenant(json, tenantId), name, json,
        ControlPlane.requestId(request)));
  }

  @Get("/{name}/versions/{version}")
  HttpResponse<String> version(HttpRequest<?> request, @PathVariable String name, @PathVariable String version,
      @Nullable @QueryValue String tenantId) {
    var caller = controlPlane.caller(request, null);
    return ControlPlane.json(200, models().version(caller, tenantId, name, version(version)));
  }

  @Post(value = "/{name}/versions/{version}/stage", consumes = "*/*")
  HttpResponse<String> stage(HttpRequest<?> request, @PathVariable String name, @PathVariable String version,
      @Nullable @QueryValue String tenantId, @Nullable @Body String body) {
    var caller = controlPlane.caller(request, body);
    var json = Json.object(body);
    return ControlPlane.json(200, models().changeStage(caller, tenant(json, tenantId), name, version(version), json,
        ControlPlane.requestId(request)));
  }

  @Get("/{name}/compare")
  HttpResponse<String> compare(HttpRequest<?> request, @PathVariable String name,
      @Nullable @QueryValue String versions, @Nullable @QueryValue String tenantId) {
    var caller = controlPlane.caller(request, null);
    return ControlPlane.json(200, models().compare(caller, tenantId, name, versions(versions)));
  }

  @Get("/{name}/versions/{version}/artifact")
  HttpResponse<StreamedFile> artifact(HttpRequest<?> request, @PathVariable String name,
      @PathVariable String version, @Nullable @QueryValue String tenantId) {
    var caller = controlPlane.caller(request, null);
    var artifact = models().artifact(caller, tenantId, name, version(version));
    var file = new StreamedFile(artifact.content(), new MediaType("application/zip"), System.currentTimeMillis(),
        artifact.sizeBytes());
    return HttpResponse.ok(file).header(SHA256_HEADER, artifact.sha256())
        .header("Content-Disposition", "attachment; filename=\"" + artifact.fileName() + "\"");
  }

  private Models models() {
    return feature.models();
  }

  private static String tenant(com.fasterxml.jackson.databind.JsonNode body, String query) {
    String named = Json.text(body, "tenantId", "INVALID_TENANT_ID");
    return named != null ? named : query;
  }

  private static List<Integer> versions(String text) {
    var list = new ArrayList<Integer>();
    if (text != null) {
      for (String part : text.split(",")) {
        int v = version(part.strip());
        if (!list.contains(v)) {
          list.add(v);
        }
      }
    }
    if (list.size() < 2 || list.size() > 10) {
      throw ApiError.invalid("INVALID_VERSIONS", "Name 2 to 10 different versions to compare, e.g. "
          + "?versions=1,2 (got '" + text + "')");
    }
    return list;
  }

  private static int version(String text) {
    try {
      int v = Integer.parseInt(text);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw ApiError.invalid("INVALID_VERSION", "Invalid version '" + text + "': expected an integer from 1");
  }
}
