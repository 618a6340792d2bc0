package io.strata.auth.limits;

import io.github.bucket4j.TimeMeter;
import io.strata.events.ApiLimit;
import io.strata.events.AppLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether an authenticated app may make one more request: its per-API rate, its per-app rate, then its
 * monthly quota. Limits are read on every request from the app's latest {@code AppLimits} (the apps view), so a
 * change made through the control plane applies within the view's one-second propagation; a null limit is
 * unlimited.
 *
 * <p>Rates are enforced per process: with N instances behind a load balancer an app gets up to N times its
 * rate. The monthly quota is shared: every instance counts the units from the topic it meters, so the
 * instances may together overshoot it only by the requests in flight when it runs out.
 */
public final class Admission {

  /** The code of a request refused for its rate. */
  public static final String RATE_LIMITED = "RATE_LIMITED";
  /** The code of a request refused because the app's monthly quota is used up. */
  public static final String QUOTA_EXHAUSTED = "QUOTA_EXHAUSTED";

  private final Function<String, Optional<AppLimits>> limitsOf;
  private final MonthlyUsage usage;
  private final Clock clock;
  private final RequestRates rates;

  /**
   * @param limitsOf the current limits of an app key (e.g. {@code appsView.app(key).map(AppEvent::getLimits)})
   * @param usage the units used this month, fed by the service from the events it meters
   * @param clock the clock the rates and the month are measured with
   */
  public Admission(Function<String, Optional<AppLimits>> limitsOf, MonthlyUsage usage, Clock clock) {
    this.limitsOf = Objects.requireNonNull(limitsOf, "limitsOf");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rates = new RequestRates(new ClockTime(clock));
  }

  /**
   * Admits or refuses one request of {@code appKey} to {@code api} that costs {@code units} billable units
   * (0 for requests that are not billed). An admitted request counts against the rates; its units count
   * against the quota once the service records them in {@link MonthlyUsage}.
   */
  public Decision admit(String appKey, String api, long units) {
    Optional<AppLimits> found = limitsOf.apply(appKey);
    if (found.isEmpty()) {
      return Decision.ADMITTED;
    }
    AppLimits limits = found.get();
    Instant now = clock.instant();
    if (units > 0 && limits.getMonthlyQuotaUnits() != null) {
      long quota = limits.getMonthlyQuotaUnits();
      long used = usage.used(appKey, now);
      if (used + units > quota) {
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Instant reset = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return new Decision.Refused(QUOTA_EXHAUSTED, "app " + appKey + " has used " + used + " of its " + quota
            + " billable units for " + month + "; the quota resets at " + reset
            + " — ask the operator to raise limits.monthlyQuotaUnits to go on now", Duration.between(now, reset));
      }
    }
    String apiKey = appKey + "\u0000" + api;
    Optional<RequestRates.Rate> apiRate = apiLimit(limits, api)
        .flatMap(l -> RequestRates.Rate.of(l.getRequestsPerSecond(), l.getRequestsPerMinute()));
    if (apiRate.isPresent()) {
      Optional<Duration> wait = rates.take(apiKey, apiRate.get());
      if (wait.isPresent()) {
        return rateLimited(appKey, "its limit for api '" + api + "' of " + apiRate.get().describe(), wait.get());
      }
    }
    Optional<RequestRates.Rate> appRate = RequestRates.Rate.of(limits.getRequestsPerSecond(),
        limits.getRequestsPerMinute());
    if (appRate.isPresent()) {
      Optional<Duration> wait = rates.take(appKey, appRate.get());
      if (wait.isPresent()) {
        apiRate.ifPresent(r -> rates.giveBack(apiKey));
        return rateLimited(appKey, "its limit of " + appRate.get().describe(), wait.get());
      }
    }
    return Decision.ADMITTED;
  }

  /** Forgets the buckets and usage of a deleted app. */
  public void forget(String appKey) {
    rates.forget(appKey);
    usage.forget(appKey);
  }

  private static Optional<ApiLimit> apiLimit(AppLimits limits, String api) {
    return limits.getPerApi() == null ? Optional.empty()
        : limits.getPerApi().stream().filter(l -> l.getApi().equals(api)).findFirst();
  }

  private static Decision rateLimited(String appKey, String limit, Duration wait) {
    return new Decision.Refused(RATE_LIMITED, "app " + appKey + " exceeded " + limit
        + "; retry after the Retry-After header's seconds, or ask the operator to raise the app's limits", wait);
  }

  /** Bucket time from the admission's {@link Clock} (the system clock in services, a fixed one in tests). */
  private record ClockTime(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
