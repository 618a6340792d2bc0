package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.auth.signing.NonceCache.Outcome;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NonceCacheTest {

  private static final Duration WINDOW = Duration.ofSeconds(300);
  private static final long T = 1_767_225_600L;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void shouldReportTheFirstUseAsFreshAndEveryLaterUseAsReplayed() {
    var cache = new NonceCache(WINDOW, 1000, RANDOM);

    assertThat(cache.record("ak_a", "nonce-0000000001", T, T)).isEqualTo(Outcome.FRESH);
    assertThat(cache.record("ak_a", "nonce-0000000001", T, T + 10)).isEqualTo(Outcome.REPLAYED);
    assertThat(cache.record("ak_a", "nonce-0000000001", T, T + 300)).isEqualTo(Outcome.REPLAYED);
  }

  @Test
  void shouldScopeANoncePerAppKey() {
    var cache = new NonceCache(WINDOW, 1000, RANDOM);

    assertThat(cache.record("ak_a", "nonce-0000000001", T, T)).isEqualTo(Outcome.FRESH);
    assertThat(cache.record("ak_b", "nonce-0000000001", T, T)).isEqualTo(Outcome.FRESH);
  }

  @Test
  void shouldRememberANonceAsLongAsItsTimestampCouldPassTheWindow() {
    var cache = new NonceCache(WINDOW, 1000, 1, RANDOM);
    long future = T + 300;

    assertThat(cache.record("ak_a", "nonce-from-future", future, T)).isEqualTo(Outcome.FRESH);
    assertThat(cache.record("ak_a", "nonce-from-future", future, T + 599)).isEqualTo(Outcome.REPLAYED);
    assertThat(cache.record("ak_a", "nonce-from-future", future, T + 600)).isEqualTo(Outcome.REPLAYED);
  }

  @Test
  void shouldDropExpiredNoncesWhenTheirSecondComesRoundAgain() {
    var cache = new NonceCache(WINDOW, 1000, 1, RANDOM);
    for (int i = 0; i < 10; i++) {
      cache.record("ak_a", "nonce-old-" + 1000000 + i, T, T);
    }
    long sameSlotLater = T + 2 * 300 + 2;

    assertThat(cache.record("ak_a", "nonce-new-00000001", sameSlotLater, sameSlotLater)).isEqualTo(Outcome.FRESH);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void shouldStayWithinItsCapacityUnderSustainedLoad() {
    var cache = new NonceCache(WINDOW, 64, 4, RANDOM);
    for (long second = 0; second < 2000; second++) {
      for (int i = 0; i < 50; i++) {
        cache.record("ak_a", "nonce-" + second + "-" + 100000 + i, T + second, T + second);
      }
      assertThat(cache.size()).isLessThanOrEqualTo(64);
    }
  }

  @Test
  void shouldDropExpiredNoncesBeforeNarrowingTheWindow() {
    var cache = new NonceCache(WINDOW, 2, 1, RANDOM);
    cache.record("ak_a", "nonce-0000000001", T, T);
    cache.record("ak_a", "nonce-0000000002", T + 1, T + 1);
    long later = T + 302;

    assertThat(cache.record("ak_a", "nonce-0000000003", later, later)).isEqualTo(Outcome.FRESH);
    assertThat(cache.record("ak_a", "nonce-0000000004", later - 300, later)).isEqualTo(Outcome.FRESH);
  }

  @Test
  void shouldRaiseItsHorizonInsteadOfForgettingNoncesThatCouldStillBeReplayed() {
    var cache = new NonceCache(WINDOW, 3, 1, RANDOM);
    cache.record("ak_a", "nonce-0000000001", T - 10, T);
    cache.record("ak_a", "nonce-0000000002", T - 5, T);
    cache.record("ak_a", "nonce-0000000003", T, T);

    assertThat(cache.record("ak_a", "nonce-0000000004", T, T)).isEqualTo(Outcome.FRESH);
    assertThat(cache.record("ak_a", "nonce-0000000001", T - 10, T))
        .as("the evicted nonce's replay is still refused").isEqualTo(Outcome.BEYOND_HORIZON);
    assertThat(cache.record("ak_a", "nonce-0000000009", T - 10, T)).isEqualTo(Outcome.BEYOND_HORIZON);
    assertThat(cache.record("ak_a", "nonce-0000000002", T - 5, T)).isEqualTo(Outcome.REPLAYED);
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void shouldRefuseANonceOlderThanEverythingItHoldsRatherThanEvictNewerOnes() {
    var cache = new NonceCache(WINDOW, 2, 1, RANDOM);
    cache.record("ak_a", "nonce-0000000001", T, T);
    cache.record("ak_a", "nonce-0000000002", T, T);

    assertThat(cache.record("ak_a", "nonce-0000000003", T - 100, T)).isEqualTo(Outcome.BEYOND_HORIZON);
    assertThat(cache.record("ak_a", "nonce-0000000001", T, T)).isEqualTo(Outcome.REPLAYED);
    assertThat(cache.record("ak_a", "nonce-0000000004", T + 1, T + 1)).isEqualTo(Outcome.FRESH);
  }

  @Test
  void shouldLetExactlyOneOfManyConcurrentUsesOfANonceThrough() throws Exception {
    var cache = new NonceCache(WINDOW, 100_000, RANDOM);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Outcome>> attempts = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        attempts.add(() -> cache.record("ak_a", "contested-nonce-01", T, T));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> outcome : pool.invokeAll(attempts)) {
        outcomes.add(outcome.get());
      }

      assertThat(outcomes).containsOnlyOnce(Outcome.FRESH).filteredOn(o -> o != Outcome.FRESH)
          .containsOnly(Outcome.REPLAYED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldAcceptDistinctNoncesFromManyThreads() throws Exception {
    var cache = new NonceCache(WINDOW, 100_000, RANDOM);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Long>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int worker = w;
        workers.add(() -> {
          long fresh = 0;
          for (int i = 0; i < 5000; i++) {
            if (cache.record("ak_a", "nonce-" + worker + "-" + (1_000_000 + i), T, T) == Outcome.FRESH) {
              fresh++;
            }
          }
          return fresh;
        });
      }
      long fresh = 0;
      for (Future<Long> result : pool.invokeAll(workers)) {
        fresh += result.get();
      }

      assertThat(fresh).isEqualTo(40_000);
      assertThat(cache.size()).isEqualTo(40_000);
    } finally {
      pool.shutdownNow();
    }
  }
}
