package io.strata.registry.controlplane;

import java.util.Optional;

/**
 * Which tenant a call on tenant-owned resources (datasets, models) acts on: an app always acts on its own tenant;
 * the operator acts on any and names it with {@code tenantId} (in the body or the query) where one is needed.
 */
public final class TenantScope {

  private TenantScope() {}

  /**
   * The tenant the call acts on.
   *
   * @param named the {@code tenantId} the request names, or null
   * @throws ApiError 422 TENANT_REQUIRED for the operator without a tenant, 403 TENANT_FORBIDDEN for an app naming
   *     another tenant
   */
  public static String required(Caller caller, String named) {
    if (caller instanceof Caller.App app) {
      requireOwn(app, named);
      return app.tenantId();
    }
    if (named == null || named.isBlank()) {
      throw ApiError.invalid("TENANT_REQUIRED", "The operator acts on any tenant: name it with \"tenantId\" in the "
          + "body or ?tenantId= in the query");
    }
    return named;
  }

  /** For lists: the app's own tenant, or the tenant the operator filters on (empty: every tenant). */
  public static Optional<String> filter(Caller caller, String named) {
    if (caller instanceof Caller.App app) {
      requireOwn(app, named);
      return Optional.of(app.tenantId());
    }
    return Optional.ofNullable(named).filter(t -> !t.isBlank());
  }

  /** True if the caller may see something of {@code tenantId}: the operator sees all, an app its own tenant. */
  public static boolean sees(Caller caller, String tenantId) {
    return !(caller instanceof Caller.App app) || app.tenantId().equals(tenantId);
  }

  /** Who acted, as events record it: {@code operator} or {@code app:<appKey>}. */
  public static String actor(Caller caller) {
    return caller instanceof Caller.App app ? "app:" + app.appKey() : "operator";
  }

  private static void requireOwn(Caller.App app, String named) {
    if (named != null && !named.isBlank() && !named.equals(app.tenantId())) {
      throw new ApiError(403, "TENANT_FORBIDDEN", "App '" + app.appKey() + "' belongs to tenant '" + app.tenantId()
          + "' and may only act on it; leave tenantId out or set it to '" + app.tenantId() + "'");
    }
  }
}
