package io.strata.auth.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets for the request rates of apps, one per app and one per app and API, in this process.
 * A bucket holds as many requests as its limit and refills greedily (a limit of 10/s lets 10 through at once,
 * then one every 100 ms). When an app's limits change, its bucket is rebuilt with the new limits on its next
 * request. Thread-safe.
 */
final class RequestRates {

  private final TimeMeter time;
  private final ConcurrentMap<String, LimitedBucket> buckets = new ConcurrentHashMap<>();

  RequestRates(TimeMeter time) {
    this.time = Objects.requireNonNull(time, "time");
  }

  /**
   * Takes one request from the bucket of {@code key} built for {@code rate}.
   *
   * @return empty when the request fits, else the time until one would
   */
  Optional<Duration> take(String key, Rate rate) {
    LimitedBucket bucket = buckets.compute(key, (k, old) -> old != null && old.rate.equals(rate) ? old
        : new LimitedBucket(rate, build(rate)));
    ConsumptionProbe probe = bucket.bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Gives back the request {@link #take} took from {@code key}'s bucket (another limit refused it). */
  void giveBack(String key) {
    LimitedBucket bucket = buckets.get(key);
    if (bucket != null) {
      bucket.bucket.addTokens(1);
    }
  }

  /** Forgets the buckets of keys that start with {@code prefix} (an app was deleted). */
  void forget(String prefix) {
    buckets.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private Bucket build(Rate rate) {
    var builder = Bucket.builder().withCustomTimePrecision(time);
    rate.perSecond().ifPresent(n -> builder.addLimit(l -> l.capacity(n).refillGreedy(n, Duration.ofSeconds(1))));
    rate.perMinute().ifPresent(n -> builder.addLimit(l -> l.capacity(n).refillGreedy(n, Duration.ofMinutes(1))));
    return builder.build();
  }

  /**
   * A request rate: at most {@code perSecond} in any second and {@code perMinute} in any minute; at least one
   * is present.
   */
  record Rate(Optional<Integer> perSecond, Optional<Integer> perMinute) {

    Rate {
      if (perSecond.isEmpty() && perMinute.isEmpty()) {
        throw new IllegalArgumentException("a rate needs a per-second or a per-minute limit");
      }
    }

    /** The rate of two nullable limits, empty when both are null (unlimited). */
    static Optional<Rate> of(Integer perSecond, Integer perMinute) {
      return perSecond == null && perMinute == null ? Optional.empty()
          : Optional.of(new Rate(Optional.ofNullable(perSecond), Optional.ofNullable(perMinute)));
    }

    String describe() {
      StringBuilder text = new StringBuilder();
      perSecond.ifPresent(n -> text.append(n).append(" requests per second"));
      perMinute.ifPresent(n -> text.append(text.length() > 0 ? " and " : "").append(n).append(" requests per minute"));
      return text.toString();
    }
  }

  private record LimitedBucket(Rate rate, Bucket bucket) {}
}
