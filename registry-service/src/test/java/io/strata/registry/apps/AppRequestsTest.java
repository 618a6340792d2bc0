package io.strata.registry.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppRequestsTest {

  @Test
  void shouldReadFullLimits() {
    var limits = AppRequests.limits(Json.object("{\"requestsPerSecond\":10,\"requestsPerMinute\":null,"
        + "\"perApi\":[{\"api\":\"predict\",\"requestsPerSecond\":2}],\"monthlyQuotaUnits\":5000000000}"));
    assertThat(limits.getRequestsPerSecond()).isEqualTo(10);
    assertThat(limits.getRequestsPerMinute()).isNull();
    assertThat(limits.getPerApi()).singleElement().satisfies(api -> assertThat(api.getApi()).isEqualTo("predict"));
    assertThat(limits.getMonthlyQuotaUnits()).isEqualTo(5_000_000_000L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"requestsPerSecond\":0}", "{\"requestsPerMinute\":-1}", "{\"requestsPerSecond\":1.5}",
      "{\"requestsPerSecond\":\"5\"}", "{\"requestsPerSecond\":3000000000}", "{\"perApi\":{}}",
      "{\"perApi\":[{\"requestsPerSecond\":1}]}", "{\"perApi\":[{\"api\":\"a\"},{\"api\":\"a\"}]}",
      "{\"monthlyQuotaUnits\":0}"})
  void shouldRefuseInvalidLimits(String body) {
    assertThatThrownBy(() -> AppRequests.limits(Json.object(body)))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.code()).isEqualTo("INVALID_LIMITS");
        });
  }

  @Test
  void shouldRequireAReasonToBlock() {
    assertThatThrownBy(() -> AppRequests.requiredReason(Json.object("{\"reason\":\"  \"}")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("REASON_REQUIRED"));
    assertThat(AppRequests.requiredReason(Json.object("{\"reason\":\" unpaid \"}"))).isEqualTo("unpaid");
    assertThat(AppRequests.optionalReason(Json.object(null))).isNull();
  }

  @Test
  void shouldDefaultTheGraceAndRefuseANegativeOne() {
    assertThat(AppRequests.grace(Json.object("{}"), Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
    assertThat(AppRequests.grace(Json.object("{\"graceSeconds\":0}"), Duration.ofHours(24))).isZero();
    assertThatThrownBy(() -> AppRequests.grace(Json.object("{\"graceSeconds\":-1}"), Duration.ZERO))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("INVALID_GRACE"));
  }

  @Test
  void shouldRequireAName() {
    assertThatThrownBy(() -> AppRequests.name(Json.object("{\"name\":\"\"}")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("INVALID_APP_NAME"));
    assertThatThrownBy(() -> AppRequests.name(Json.object("{\"name\":42}")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("INVALID_APP_NAME"));
  }
}
