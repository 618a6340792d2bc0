package io.strata.auth.limits;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The billable units each app used in the current calendar month (UTC), as counted from the events a
 * service meters (the upload gateway: one unit per accepted upload, from the {@code samples} topic, so
 * every instance counts every instance's uploads). Units of an earlier month are dropped when the first unit
 * of a later one arrives. Thread-safe; memory is one counter per app.
 */
public final class MonthlyUsage {

  private final ConcurrentMap<String, MonthCount> counts = new ConcurrentHashMap<>();

  /** Counts {@code units} used by {@code appKey} at {@code at}; units of a month already passed are ignored. */
  public void record(String appKey, Instant at, long units) {
    YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
    counts.merge(appKey, new MonthCount(month, units), MonthCount::plus);
  }

  /** The units {@code appKey} used in the month of {@code now}. */
  public long used(String appKey, Instant now) {
    MonthCount count = counts.get(appKey);
    return count != null && count.month.equals(YearMonth.from(now.atOffset(ZoneOffset.UTC))) ? count.units : 0;
  }

  /** Forgets {@code appKey} (the app was deleted). */
  void forget(String appKey) {
    counts.remove(appKey);
  }

  private record MonthCount(YearMonth month, long units) {

    MonthCount plus(MonthCount other) {
      int order = month.compareTo(other.month);
      if (order == 0) {
        return new MonthCount(month, units + other.units);
      }
      return order > 0 ? this : other;
    }
  }
}
