/**
 * Tenants of the control plane: created by the operator, each change a {@code TenantEvent} on the compacted
 * {@code tenants} topic, read back from an in-memory view of that topic rebuilt at every start.
 */
package io.strata.registry.tenants;
