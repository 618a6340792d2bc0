package io.strata.registry.tenants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.strata.registry.controlplane.ControlPlane;
import io.strata.registry.controlplane.Json;
import java.util.Map;

/** {@code /v1/tenants}: authenticates, checks access, hands over to {@link Tenants}. */
@Controller("/v1/tenants")
final class TenantsController {

  private final ControlPlane controlPlane;

  TenantsController(ControlPlane controlPlane) {
    this.controlPlane = controlPlane;
  }

  @Post(consumes = "*/*")
  HttpResponse<String> create(HttpRequest<?> request, @Nullable @Body String body) {
    controlPlane.caller(request, body).requireOperator();
    return ControlPlane.json(201, controlPlane.tenants().create(Json.object(body), ControlPlane.requestId(request)));
  }

  @Get
  HttpResponse<String> list(HttpRequest<?> request) {
    controlPlane.caller(request, null).requireOperator();
    return ControlPlane.json(200, Map.of("tenants", controlPlane.tenants().list()));
  }

  @Get("/{tenantId}")
  HttpResponse<String> get(HttpRequest<?> request, @PathVariable String tenantId) {
    controlPlane.caller(request, null).requireTenant(tenantId);
    return ControlPlane.json(200, controlPlane.tenants().get(tenantId));
  }
}
