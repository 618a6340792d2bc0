package io.strata.registry.controlplane;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.strata.auth.signing.HeaderLookup;
import io.strata.auth.signing.RequestParts;
import io.strata.registry.apps.Apps;
import io.strata.registry.tenants.Tenants;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The running control plane as the thin controllers see it: who calls, and the plain {@link Tenants} and
 * {@link Apps} that do the work (absent when disabled; {@link #caller} answers 503 before they are needed).
 */
public final class ControlPlane implements AutoCloseable {

  private final Authenticator authenticator;
  private final Optional<Tenants> tenants;
  private final Optional<Apps> apps;
  private final List<AutoCloseable> resources;

  ControlPlane(Authenticator authenticator, Optional<Tenants> tenants, Optional<Apps> apps,
      List<AutoCloseable> resources) {
    this.authenticator = authenticator;
    this.tenants = tenants;
    this.apps = apps;
    this.resources = new ArrayList<>(resources);
  }

  /** Authenticates the caller of {@code request} whose body is {@code body} (null for none). */
  public Caller caller(HttpRequest<?> request, String body) {
    var headers = request.getHeaders();
    HeaderLookup lookup = name -> headers.getAll(name);
    String rawQuery = request.getUri().getRawQuery();
    var parts = new RequestParts(request.getMethodName(), request.getUri().getRawPath(), rawQuery, lookup);
    return authenticator.authenticate(parts, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
  }

  /** True when the control plane is enabled (an admin token is configured). */
  public boolean enabled() {
    return authenticator.enabled();
  }

  /** True when {@code token} is the admin token (checked in constant time); the console's login uses it. */
  public boolean isAdminToken(String token) {
    return authenticator.isAdminToken(token);
  }

  public Tenants tenants() {
    return tenants.orElseThrow();
  }

  public Apps apps() {
    return apps.orElseThrow();
  }

  /** The request id the events record as their cause: the caller's {@code X-Request-Id}, or a new UUID. */
  public static String requestId(HttpRequest<?> request) {
    return request.getHeaders().getFirst("X-Request-Id").filter(id -> id.length() <= 100)
        .orElseGet(() -> UUID.randomUUID().toString());
  }

  /** A JSON answer. */
  public static HttpResponse<String> json(int status, Object body) {
    return HttpResponse.<String>status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(Json.write(body));
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }
}
