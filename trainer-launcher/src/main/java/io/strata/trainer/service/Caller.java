package io.strata.trainer.service;

/** Who made an API call, once authenticated. */
sealed interface Caller {

  /** The operator (admin token): acts on any tenant, naming it. */
  record Operator() implements Caller {}

  /** An app (signed request): acts on its own tenant only. */
  record App(String appKey, String tenantId) implements Caller {}

  /** True when the caller may see {@code tenantId}'s jobs and datasets. */
  default boolean sees(String tenantId) {
    return this instanceof Operator || ((App) this).tenantId().equals(tenantId);
  }
}
