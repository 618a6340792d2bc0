package io.strata.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.ApiLimit;
import io.strata.events.AppLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:59:50Z"));
  private final Map<String, AppLimits> limits = new HashMap<>();
  private final MonthlyUsage usage = new MonthlyUsage();
  private final Admission admission = new Admission(k -> Optional.ofNullable(limits.get(k)), usage, clock);

  @Test
  void unknownAppsAndNullLimitsAreUnlimited() {
    limits.put("ak_a", AppLimits.newBuilder().build());
    for (int i = 0; i < 1000; i++) {
      assertThat(admission.admit("ak_a", "upload", 1)).isEqualTo(Decision.ADMITTED);
      assertThat(admission.admit("ak_unknown", "upload", 1)).isEqualTo(Decision.ADMITTED);
    }
  }

  @Test
  void perSecondRateRefusesTheExcessAndRefillsWithTime() {
    limits.put("ak_a", AppLimits.newBuilder().setRequestsPerSecond(3).build());
    for (int i = 0; i < 3; i++) {
      assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    }
    Decision refused = admission.admit("ak_a", "upload", 0);
    assertThat(refused).isInstanceOfSatisfying(Decision.Refused.class, r -> {
      assertThat(r.code()).isEqualTo(Admission.RATE_LIMITED);
      assertThat(r.message()).contains("ak_a", "3 requests per second");
      assertThat(r.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(334));
      assertThat(r.retryAfterSeconds()).isEqualTo(1);
    });
    clock.advance(Duration.ofMillis(334));
    assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    assertThat(admission.admit("ak_a", "upload", 0)).isInstanceOf(Decision.Refused.class);
  }

  @Test
  void appsHaveTheirOwnBuckets() {
    limits.put("ak_a", AppLimits.newBuilder().setRequestsPerMinute(1).build());
    limits.put("ak_b", AppLimits.newBuilder().setRequestsPerMinute(1).build());
    assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    assertThat(admission.admit("ak_a", "upload", 0)).isInstanceOfSatisfying(Decision.Refused.class,
        r -> assertThat(r.retryAfterSeconds()).isEqualTo(60));
    assertThat(admission.admit("ak_b", "upload", 0)).isEqualTo(Decision.ADMITTED);
  }

  @Test
  void perApiLimitAppliesToItsApiOnlyAndARefusalThereCostsTheAppNothing() {
    limits.put("ak_a", AppLimits.newBuilder().setRequestsPerMinute(3)
        .setPerApi(List.of(ApiLimit.newBuilder().setApi("labels").setRequestsPerMinute(1).build())).build());
    assertThat(admission.admit("ak_a", "labels", 0)).isEqualTo(Decision.ADMITTED);
    assertThat(admission.admit("ak_a", "labels", 0)).isInstanceOfSatisfying(Decision.Refused.class,
        r -> assertThat(r.message()).contains("api 'labels'", "1 requests per minute"));
    assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    assertThat(admission.admit("ak_a", "upload", 0)).isInstanceOfSatisfying(Decision.Refused.class,
        r -> assertThat(r.message()).contains("its limit of 3 requests per minute"));
  }

  @Test
  void anAppRefusalGivesTheApiTokenBack() {
    limits.put("ak_a", AppLimits.newBuilder().setRequestsPerMinute(1)
        .setPerApi(List.of(ApiLimit.newBuilder().setApi("labels").setRequestsPerMinute(2).build())).build());
    assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    assertThat(admission.admit("ak_a", "labels", 0)).isInstanceOf(Decision.Refused.class);
    clock.advance(Duration.ofMinutes(1));
    // Two label tokens are still there: the refused request above took none.
    assertThat(admission.admit("ak_a", "labels", 0)).isEqualTo(Decision.ADMITTED);
    clock.advance(Duration.ofMinutes(1));
    assertThat(admission.admit("ak_a", "labels", 0)).isEqualTo(Decision.ADMITTED);
  }

  @Test
  void changedLimitsTakeEffectOnTheNextRequest() {
    limits.put("ak_a", AppLimits.newBuilder().setRequestsPerMinute(1).build());
    assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    assertThat(admission.admit("ak_a", "upload", 0)).isInstanceOf(Decision.Refused.class);
    limits.put("ak_a", AppLimits.newBuilder().setRequestsPerMinute(100).build());
    assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    limits.put("ak_a", AppLimits.newBuilder().build());
    for (int i = 0; i < 500; i++) {
      assertThat(admission.admit("ak_a", "upload", 0)).isEqualTo(Decision.ADMITTED);
    }
  }

  @Test
  void monthlyQuotaRefusesOnceUsedUpAndResetsWithTheMonth() {
    limits.put("ak_a", AppLimits.newBuilder().setMonthlyQuotaUnits(2L).build());
    usage.record("ak_a", clock.instant().minusSeconds(60), 1);
    assertThat(admission.admit("ak_a", "upload", 1)).isEqualTo(Decision.ADMITTED);
    usage.record("ak_a", clock.instant(), 1);
    assertThat(admission.admit("ak_a", "upload", 1)).isInstanceOfSatisfying(Decision.Refused.class, r -> {
      assertThat(r.code()).isEqualTo(Admission.QUOTA_EXHAUSTED);
      assertThat(r.message()).contains("used 2 of its 2 billable units for 2026-11", "2026-12-01T00:00:00Z");
      assertThat(r.retryAfterSeconds()).isEqualTo(10);
    });
    // Requests that are not billed still pass.
    assertThat(admission.admit("ak_a", "read", 0)).isEqualTo(Decision.ADMITTED);
    clock.advance(Duration.ofSeconds(10));
    assertThat(admission.admit("ak_a", "upload", 1)).isEqualTo(Decision.ADMITTED);
  }

  @Test
  void usageOfAnEarlierMonthIsDroppedAndLateEventsOfItIgnored() {
    usage.record("ak_a", Instant.parse("2026-10-31T23:00:00Z"), 5);
    usage.record("ak_a", Instant.parse("2026-11-01T00:00:00Z"), 1);
    usage.record("ak_a", Instant.parse("2026-10-31T23:30:00Z"), 7);
    assertThat(usage.used("ak_a", clock.instant())).isEqualTo(1);
    assertThat(usage.used("ak_a", Instant.parse("2026-12-01T00:00:00Z"))).isZero();
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
