package io.strata.trainer.scheduler;

import java.util.Map;

/**
 * Scheduler policy settings.
 *
 * @param tenantGpuQuota maximum GPUs in use per tenant; tenants not listed get {@code defaultTenantGpuQuota}
 * @param defaultTenantGpuQuota quota of tenants without their own entry
 * @param maxNodeLossAttempts a job that loses a node this many times fails instead of being requeued
 * @param reservations how many blocked jobs (the first in queue order) hold nodes against backfill and may preempt
 * @param preemption whether higher-priority jobs may preempt jobs of tenants above their fair share
 * @param heartbeatTimeoutMillis a node unheard of for longer than this is treated as gone
 */
public record SchedulerConfig(Map<String, Integer> tenantGpuQuota, int defaultTenantGpuQuota, int maxNodeLossAttempts,
    int reservations, boolean preemption, long heartbeatTimeoutMillis) {

  public SchedulerConfig {
    tenantGpuQuota = Map.copyOf(tenantGpuQuota);
    if (defaultTenantGpuQuota < 0 || maxNodeLossAttempts < 1 || reservations < 0 || heartbeatTimeoutMillis < 1) {
      throw new IllegalArgumentException("Invalid scheduler config: defaultTenantGpuQuota >= 0, maxNodeLossAttempts >= 1,"
          + " reservations >= 0 and heartbeatTimeoutMillis >= 1 are required, got " + this);
    }
    tenantGpuQuota.forEach((tenant, quota) -> {
      if (quota < 0) {
        throw new IllegalArgumentException("GPU quota of tenant '" + tenant + "' must be >= 0, got " + quota);
      }
    });
  }

  /** No quotas, 3 node-loss attempts, 4 reservations, preemption on, 30 s heartbeat timeout. */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(Map.of(), Integer.MAX_VALUE, 3, 4, true, 30_000);
  }

  /** The GPU quota of {@code tenantId}. */
  public int quotaOf(String tenantId) {
    return tenantGpuQuota.getOrDefault(tenantId, defaultTenantGpuQuota);
  }

  /** A copy with different quotas. */
  public SchedulerConfig withQuotas(Map<String, Integer> quotas, int defaultQuota) {
    return new SchedulerConfig(quotas, defaultQuota, maxNodeLossAttempts, reservations, preemption,
        heartbeatTimeoutMillis);
  }
}
