package io.strata.registry.datasets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.ControlPlane;
import io.strata.registry.controlplane.Json;
import java.time.Duration;
import java.util.Map;

/**
 * {@code /v1/datasets}: authenticates (the operator, or an app on its own tenant), parses, hands over to
 * {@link Datasets}. Runs on the blocking pool: writes wait for the view, version requests for the versioner.
 */
@Controller("/v1/datasets")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DatasetsController {

  private final ControlPlane controlPlane;
  private final DatasetsFeature feature;

  DatasetsController(ControlPlane controlPlane, DatasetsFeature feature) {
    this.controlPlane = controlPlane;
    this.feature = feature;
  }

  @Post(consumes = "*/*")
  HttpResponse<String> create(HttpRequest<?> request, @Nullable @Body String body) {
    var caller = controlPlane.caller(request, body);
    return ControlPlane.json(201, datasets().create(caller, Json.object(body), ControlPlane.requestId(request)));
  }

  @Get
  HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String tenantId) {
    var caller = controlPlane.caller(request, null);
    return ControlPlane.json(200, Map.of("datasets", datasets().list(caller, tenantId)));
  }

  @Get("/{datasetId}")
  HttpResponse<String> get(HttpRequest<?> request, @PathVariable String datasetId) {
    return ControlPlane.json(200, datasets().get(controlPlane.caller(request, null), datasetId));
  }

  @Put(value = "/{datasetId}/rule", consumes = "*/*")
  HttpResponse<String> changeRule(HttpRequest<?> request, @PathVariable String datasetId,
      @Nullable @Body String body) {
    var caller = controlPlane.caller(request, body);
    return ControlPlane.json(200,
        datasets().changeRule(caller, datasetId, Json.object(body), ControlPlane.requestId(request)));
  }

  @Post(value = "/{datasetId}/versions", consumes = "*/*")
  HttpResponse<String> requestVersion(HttpRequest<?> request, @PathVariable String datasetId,
      @Nullable @QueryValue String waitSeconds, @Nullable @Body String body) {
    var caller = controlPlane.caller(request, body);
    int wait = number(waitSeconds, "waitSeconds", 30, 0, 300);
    var answer = datasets().requestVersion(caller, datasetId, Json.object(body), Duration.ofSeconds(wait),
        ControlPlane.requestId(request));
    return ControlPlane.json(answer.status(), answer.body());
  }

  @Get("/{datasetId}/versions")
  HttpResponse<String> versions(HttpRequest<?> request, @PathVariable String datasetId) {
    var caller = controlPlane.caller(request, null);
    return ControlPlane.json(200, Map.of("datasetId", datasetId, "versions", datasets().versions(caller, datasetId)));
  }

  @Get("/{datasetId}/versions/{version}")
  HttpResponse<String> version(HttpRequest<?> request, @PathVariable String datasetId, @PathVariable String version) {
    var caller = controlPlane.caller(request, null);
    return ControlPlane.json(200, datasets().version(caller, datasetId, version(version)));
  }

  @Get("/{datasetId}/versions/{version}/items")
  HttpResponse<String> items(HttpRequest<?> request, @PathVariable String datasetId, @PathVariable String version,
      @Nullable @QueryValue String after, @Nullable @QueryValue String limit) {
    var caller = controlPlane.caller(request, null);
    return ControlPlane.json(200, datasets().items(caller, datasetId, version(version), after,
        number(limit, "limit", 100, 1, 1000)));
  }

  @Get("/{datasetId}/diff")
  HttpResponse<String> diff(HttpRequest<?> request, @PathVariable String datasetId, @Nullable @QueryValue String from,
      @Nullable @QueryValue String to, @Nullable @QueryValue String limit) {
    var caller = controlPlane.caller(request, null);
    if (from == null || to == null) {
      throw ApiError.invalid("INVALID_VERSION", "Name both versions: GET /v1/datasets/" + datasetId
          + "/diff?from=1&to=2");
    }
    return ControlPlane.json(200, datasets().diff(caller, datasetId, version(from), version(to),
        number(limit, "limit", 1000, 1, 10_000)));
  }

  private Datasets datasets() {
    return feature.datasets();
  }

  private static int version(String text) {
    return number(text, "version", 0, 1, Integer.MAX_VALUE);
  }

  private static int number(String text, String name, int fallback, int min, int max) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Answered below with the accepted range.
    }
    String code = switch (name) {
      case "version" -> "INVALID_VERSION";
      case "waitSeconds" -> "INVALID_WAIT";
      default -> "INVALID_LIMIT";
    };
    throw ApiError.invalid(code, "Invalid " + name + " '" + text + "': expected an integer from " + min + " to "
        + max);
  }
}
