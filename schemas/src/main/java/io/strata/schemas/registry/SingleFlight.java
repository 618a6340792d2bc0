package io.strata.schemas.registry;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A cache whose misses are loaded once: the first caller of a missing key loads it in its own thread while
 * concurrent callers of the same key wait for that result. A failed load is forgotten, so a later call tries
 * again.
 */
final class SingleFlight<K, V> {

  private final ConcurrentHashMap<K, CompletableFuture<V>> futures = new ConcurrentHashMap<>();

  V get(K key, Function<? super K, ? extends V> loader) {
    CompletableFuture<V> future = futures.get(key);
    if (future == null) {
      var mine = new CompletableFuture<V>();
      future = futures.putIfAbsent(key, mine);
      if (future == null) {
        return load(key, mine, loader);
      }
    }
    return await(future);
  }

  /** The value when it is loaded already, without loading it. */
  V ifLoaded(K key) {
    CompletableFuture<V> future = futures.get(key);
    return future != null && future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
  }

  /** Remembers a value learnt as a side effect of another call (an id returned by a registration). */
  void put(K key, V value) {
    futures.putIfAbsent(key, CompletableFuture.completedFuture(value));
  }

  /** Forgets {@code key} if it still maps to {@code value}, so that the next get loads it again. */
  void forget(K key, V value) {
    futures.computeIfPresent(key, (k, f) -> f.isDone() && !f.isCompletedExceptionally() && f.join() == value ? null : f);
  }

  private V load(K key, CompletableFuture<V> mine, Function<? super K, ? extends V> loader) {
    try {
      V value = Objects.requireNonNull(loader.apply(key), "loaded value");
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      // Forget before failing the waiters, so that a retry after this failure makes a new request.
      futures.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private static <V> V await(CompletableFuture<V> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
