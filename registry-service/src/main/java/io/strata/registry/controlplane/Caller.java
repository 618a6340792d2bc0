package io.strata.registry.controlplane;

/** Who made a control-plane call, once authenticated. */
public sealed interface Caller {

  /** The operator, holder of the admin token: may do everything. */
  record Operator() implements Caller {}

  /** An app, by a request signed with its secret: may only read its own tenant. */
  record App(String appKey, String tenantId) implements Caller {}

  /** Refuses anyone but the operator: apps never change the control plane. */
  default void requireOperator() {
    if (this instanceof App app) {
      throw new ApiError(403, "OPERATOR_ONLY", "Only the operator (Authorization: Bearer <admin token>) may change "
          + "tenants and apps; app '" + app.appKey() + "' may only read its own tenant");
    }
  }

  /**
   * Refuses an app on another tenant's path. The answer is the same whether that tenant exists or not, so an app
   * cannot probe for other tenants.
   */
  default void requireTenant(String tenantId) {
    if (this instanceof App app && !app.tenantId().equals(tenantId)) {
      throw new ApiError(403, "TENANT_FORBIDDEN", "App '" + app.appKey() + "' belongs to tenant '" + app.tenantId()
          + "' and may only read /v1/tenants/" + app.tenantId());
    }
  }
}
