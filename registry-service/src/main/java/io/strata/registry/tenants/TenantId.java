package io.strata.registry.tenants;

import io.strata.registry.controlplane.ApiError;
import java.util.regex.Pattern;

/** The rule for tenant ids: they appear in paths, topic keys and lakehouse partitions. */
public final class TenantId {

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  private TenantId() {}

  /** Returns {@code id} if valid. @throws ApiError 422 INVALID_TENANT_ID naming the rule */
  public static String validate(String id) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw ApiError.invalid("INVALID_TENANT_ID", "Invalid tenantId " + (id == null ? "(missing)" : "'" + id + "'")
          + ": use 2 to 63 characters of lowercase letters, digits and '-', starting with a letter or digit");
    }
    return id;
  }
}
