package io.strata.registry.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.events.ApiLimit;
import io.strata.events.AppLimits;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Pure validation of app request bodies; every refusal is a 422 with a code and what to send instead. */
final class AppRequests {

  private AppRequests() {}

  static String name(JsonNode body) {
    String name = Json.text(body, "name", "INVALID_APP_NAME");
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw ApiError.invalid("INVALID_APP_NAME", "name is required: 1 to 100 characters, e.g. \"camera-gateway\"");
    }
    return name.strip();
  }

  static String requiredReason(JsonNode body) {
    String reason = Json.text(body, "reason", "REASON_REQUIRED");
    if (reason == null || reason.isBlank()) {
      throw ApiError.invalid("REASON_REQUIRED", "reason is required to block an app, e.g. {\"reason\":\"unpaid invoice\"};"
          + " it is shown to the app's callers");
    }
    return limitReason(reason);
  }

  static String optionalReason(JsonNode body) {
    String reason = Json.text(body, "reason", "INVALID_REASON");
    return reason == null || reason.isBlank() ? null : limitReason(reason);
  }

  private static String limitReason(String reason) {
    if (reason.strip().length() > 500) {
      throw ApiError.invalid("INVALID_REASON", "reason must be at most 500 characters");
    }
    return reason.strip();
  }

  static Duration grace(JsonNode body, Duration fallback) {
    JsonNode value = body.path("graceSeconds");
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 30L * 86_400) {
      throw ApiError.invalid("INVALID_GRACE", "graceSeconds must be a whole number from 0 to 2592000 (30 days)");
    }
    return Duration.ofSeconds(value.asLong());
  }

  /** Limits from {@code {"requestsPerSecond","requestsPerMinute","perApi":[...],"monthlyQuotaUnits"}}; absent = unlimited. */
  static AppLimits limits(JsonNode body) {
    if (body == null || body.isMissingNode() || body.isNull()) {
      return AppLimits.newBuilder().build();
    }
    if (!body.isObject()) {
      throw ApiError.invalid("INVALID_LIMITS", "limits must be a JSON object");
    }
    List<ApiLimit> perApi = new ArrayList<>();
    JsonNode apis = body.path("perApi");
    if (!apis.isMissingNode() && !apis.isNull()) {
      if (!apis.isArray()) {
        throw ApiError.invalid("INVALID_LIMITS", "perApi must be an array of {\"api\",\"requestsPerSecond\",\"requestsPerMinute\"}");
      }
      var seen = new HashSet<String>();
      for (int i = 0; i < apis.size(); i++) {
        JsonNode api = apis.get(i);
        String name = api.isObject() ? Json.text(api, "api", "INVALID_LIMITS") : null;
        if (name == null || name.isBlank()) {
          throw ApiError.invalid("INVALID_LIMITS", "perApi[" + i + "].api is required, e.g. \"predict\"");
        }
        if (!seen.add(name)) {
          throw ApiError.invalid("INVALID_LIMITS", "perApi lists api '" + name + "' twice; give one entry per api");
        }
        perApi.add(ApiLimit.newBuilder().setApi(name)
            .setRequestsPerSecond(positiveInt(api, "requestsPerSecond", "perApi[" + i + "]."))
            .setRequestsPerMinute(positiveInt(api, "requestsPerMinute", "perApi[" + i + "].")).build());
      }
    }
    return AppLimits.newBuilder()
        .setRequestsPerSecond(positiveInt(body, "requestsPerSecond", ""))
        .setRequestsPerMinute(positiveInt(body, "requestsPerMinute", ""))
        .setPerApi(perApi)
        .setMonthlyQuotaUnits(positiveLong(body, "monthlyQuotaUnits", ""))
        .build();
  }

  private static Integer positiveInt(JsonNode object, String field, String prefix) {
    Long value = positiveLong(object, field, prefix);
    if (value != null && value > Integer.MAX_VALUE) {
      throw ApiError.invalid("INVALID_LIMITS", prefix + field + " must be at most " + Integer.MAX_VALUE);
    }
    return value == null ? null : value.intValue();
  }

  private static Long positiveLong(JsonNode object, String field, String prefix) {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
      throw ApiError.invalid("INVALID_LIMITS", prefix + field + " must be a positive whole number, or null for "
          + "unlimited; got " + value);
    }
    return value.asLong();
  }
}
