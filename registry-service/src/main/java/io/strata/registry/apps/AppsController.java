package io.strata.registry.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.strata.registry.controlplane.Caller;
import io.strata.registry.controlplane.ControlPlane;
import io.strata.registry.controlplane.Json;
import java.util.Map;

/**
 * {@code /v1/tenants/{tenantId}/apps}: authenticates, checks access (apps may only read their own tenant), hands
 * over to {@link Apps}.
 */
@Controller("/v1/tenants/{tenantId}/apps")
final class AppsController {

  private final ControlPlane controlPlane;

  AppsController(ControlPlane controlPlane) {
    this.controlPlane = controlPlane;
  }

  @Post(consumes = "*/*")
  HttpResponse<String> create(HttpRequest<?> request, @PathVariable String tenantId, @Nullable @Body String body) {
    operator(request, tenantId, body);
    return ControlPlane.json(201, apps().create(tenantId, Json.object(body), ControlPlane.requestId(request)));
  }

  @Get
  HttpResponse<String> list(HttpRequest<?> request, @PathVariable String tenantId) {
    controlPlane.caller(request, null).requireTenant(tenantId);
    return ControlPlane.json(200, Map.of("apps", apps().list(tenantId)));
  }

  @Get("/{appKey}")
  HttpResponse<String> get(HttpRequest<?> request, @PathVariable String tenantId, @PathVariable String appKey) {
    controlPlane.caller(request, null).requireTenant(tenantId);
    return ControlPlane.json(200, apps().get(tenantId, appKey));
  }

  @Post(value = "/{appKey}/rotate-secret", consumes = "*/*")
  HttpResponse<String> rotate(HttpRequest<?> request, @PathVariable String tenantId, @PathVariable String appKey,
      @Nullable @Body String body) {
    return change(request, tenantId, appKey, body, Apps::rotateSecret);
  }

  @Post(value = "/{appKey}/block", consumes = "*/*")
  HttpResponse<String> block(HttpRequest<?> request, @PathVariable String tenantId, @PathVariable String appKey,
      @Nullable @Body String body) {
    return change(request, tenantId, appKey, body, Apps::block);
  }

  @Post(value = "/{appKey}/unblock", consumes = "*/*")
  HttpResponse<String> unblock(HttpRequest<?> request, @PathVariable String tenantId, @PathVariable String appKey,
      @Nullable @Body String body) {
    return change(request, tenantId, appKey, body, Apps::unblock);
  }

  @Put(value = "/{appKey}/limits", consumes = "*/*")
  HttpResponse<String> limits(HttpRequest<?> request, @PathVariable String tenantId, @PathVariable String appKey,
      @Nullable @Body String body) {
    return change(request, tenantId, appKey, body, Apps::setLimits);
  }

  @Delete("/{appKey}")
  HttpResponse<String> delete(HttpRequest<?> request, @PathVariable String tenantId, @PathVariable String appKey) {
    operator(request, tenantId, null);
    apps().delete(tenantId, appKey, ControlPlane.requestId(request));
    return HttpResponse.noContent();
  }

  /** One operator change of an app: checked, applied with the request's id, answered with the app. */
  private HttpResponse<String> change(HttpRequest<?> request, String tenantId, String appKey, String body,
      AppChange change) {
    operator(request, tenantId, body);
    return ControlPlane.json(200,
        change.apply(apps(), tenantId, appKey, Json.object(body), ControlPlane.requestId(request)));
  }

  @FunctionalInterface
  private interface AppChange {
    Map<String, Object> apply(Apps apps, String tenantId, String appKey, JsonNode body, String requestId);
  }

  /** Mutations are the operator's; an app is refused before anything about the tenant is looked at. */
  private void operator(HttpRequest<?> request, String tenantId, String body) {
    Caller caller = controlPlane.caller(request, body);
    caller.requireOperator();
    caller.requireTenant(tenantId);
  }

  private Apps apps() {
    return controlPlane.apps();
  }
}
