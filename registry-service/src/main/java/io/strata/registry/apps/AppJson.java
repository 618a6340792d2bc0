package io.strata.registry.apps;

import io.strata.events.ApiLimit;
import io.strata.events.AppEvent;
import io.strata.events.AppLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/** The app as the API shows it: never a secret, encrypted or not. */
final class AppJson {

  private AppJson() {}

  static Map<String, Object> of(AppEvent app) {
    var json = new LinkedHashMap<String, Object>();
    json.put("appKey", app.getAppKey());
    json.put("tenantId", app.getTenantId());
    json.put("name", app.getName());
    json.put("limits", limits(app.getLimits()));
    json.put("blocked", app.getBlocked());
    json.put("blockedBy", app.getBlocked() ? app.getBlockedBy() : null);
    json.put("blockReason", app.getBlocked() ? app.getReason() : null);
    json.put("createdAt", app.getRegisteredAt() == null ? null : app.getRegisteredAt().toString());
    json.put("updatedAt", app.getOccurredAt().toString());
    json.put("previousSecretValidUntil",
        app.getPreviousSecretValidUntil() == null ? null : app.getPreviousSecretValidUntil().toString());
    return json;
  }

  static Map<String, Object> limits(AppLimits limits) {
    var json = new LinkedHashMap<String, Object>();
    json.put("requestsPerSecond", limits.getRequestsPerSecond());
    json.put("requestsPerMinute", limits.getRequestsPerMinute());
    json.put("perApi", limits.getPerApi().stream().map(AppJson::apiLimit).toList());
    json.put("monthlyQuotaUnits", limits.getMonthlyQuotaUnits());
    return json;
  }

  private static Map<String, Object> apiLimit(ApiLimit limit) {
    var json = new LinkedHashMap<String, Object>();
    json.put("api", limit.getApi());
    json.put("requestsPerSecond", limit.getRequestsPerSecond());
    json.put("requestsPerMinute", limit.getRequestsPerMinute());
    return json;
  }
}
