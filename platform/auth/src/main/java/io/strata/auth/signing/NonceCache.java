package io.strata.auth.signing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The nonces this gateway has accepted, per app key, for as long as their requests could still pass the
 * timestamp check: a nonce signed at {@code t} is remembered until {@code t + window}, after which a replay
 * is refused by its timestamp anyway. Scope: one gateway instance; a replay sent to another instance within
 * the window is not caught.
 *
 * <p>An entry is a 64-bit SipHash-1-3 fingerprint of nonce and app key ({@code nonce \n appKey}) under a
 * random key per cache, kept in a {@link FingerprintSet}: no object per entry, 16 to 32 bytes each, and
 * without the key no caller can aim nonces at one slot or at another app's entries. Neither part contains a
 * line feed, so the pair is unambiguous. Two different nonces share a fingerprint with a probability around
 * 2^-64 per pair; the later one is then refused as a replay, and its retry, with a fresh nonce, passes.
 *
 * <p>Entries are spread over independently locked shards. Each shard keeps one bucket per timestamp second in
 * a ring of {@code 2 * window + 2} buckets, so a check is O(1): find the bucket, look the fingerprint up, add
 * it. A bucket whose second has expired is dropped whole when its slot is reused.
 *
 * <p>Memory is bounded by {@code capacity} entries. When a shard is full it first drops expired buckets, then
 * the buckets of the oldest seconds before the new nonce's, and raises its horizon to the last second
 * dropped: from then on it refuses every timestamp at or before the horizon ({@link Outcome#BEYOND_HORIZON})
 * instead of forgetting nonces that could still be replayed; a nonce older than everything the shard holds
 * is refused the same way. Under overload the window narrows; replay protection never lapses. Making room
 * scans the ring, at most {@code 2 * window + 2} slots, and only when the shard is full.
 */
final class NonceCache {

  /** What a check found. */
  enum Outcome {
    /** First time: the nonce is now remembered. */
    FRESH,
    /** Already accepted for this app key. */
    REPLAYED,
    /** The timestamp is at or before what this shard can still vouch for. */
    BEYOND_HORIZON
  }

  static final int DEFAULT_SHARDS = 16;

  private final Shard[] shards;
  private final SipHash13 fingerprints;

  NonceCache(Duration window, int capacity, SecureRandom random) {
    this(window, capacity, DEFAULT_SHARDS, random);
  }

  NonceCache(Duration window, int capacity, int shardCount, SecureRandom random) {
    if (capacity < shardCount) {
      throw new IllegalArgumentException("A nonce cache of " + shardCount + " shards needs a capacity of at least "
          + shardCount + ", got " + capacity);
    }
    fingerprints = new SipHash13(random.nextLong(), random.nextLong());
    shards = new Shard[shardCount];
    int perShard = (capacity + shardCount - 1) / shardCount;
    for (int i = 0; i < shardCount; i++) {
      shards[i] = new Shard(window.toSeconds(), perShard);
    }
  }

  /**
   * Records {@code nonce} for {@code appKey}, signed at {@code timestamp}, unless it was seen before.
   * Callers have already checked that {@code |now - timestamp|} is within the window, and that neither value
   * contains a line feed.
   */
  Outcome record(String appKey, String nonce, long timestamp, long now) {
    byte[] identity = (nonce + '\n' + appKey).getBytes(StandardCharsets.ISO_8859_1);
    return record(identity, 0, identity.length, timestamp, now);
  }

  /**
   * {@link #record(String, String, long, long)} with nonce and app key given as the bytes
   * {@code nonce \n appKey} at {@code identity[offset, offset + length)}: the last two lines of the
   * canonical request, where the verifier already has them.
   */
  Outcome record(byte[] identity, int offset, int length, long timestamp, long now) {
    long fingerprint = fingerprints.hash(identity, offset, length);
    // High bits pick the shard, low bits the slot in its tables.
    return shards[(int) Math.floorMod(fingerprint >>> 40, (long) shards.length)].record(fingerprint, timestamp, now);
  }

  /** Nonces remembered now, expired ones not yet dropped included. */
  int size() {
    int total = 0;
    for (Shard shard : shards) {
      total += shard.size();
    }
    return total;
  }

  private static final class Shard {

    private final long window;
    private final int capacity;
    private final Bucket[] ring;
    private long latestNow = Long.MIN_VALUE;
    private long horizon = Long.MIN_VALUE;
    private int size;

    Shard(long window, int capacity) {
      this.window = window;
      this.capacity = capacity;
      this.ring = new Bucket[(int) (2 * window + 2)];
      for (int i = 0; i < ring.length; i++) {
        ring[i] = new Bucket();
      }
    }

    synchronized Outcome record(long fingerprint, long timestamp, long now) {
      latestNow = Math.max(latestNow, now);
      if (timestamp <= horizon || timestamp < oldestLiveSecond()) {
        return Outcome.BEYOND_HORIZON;
      }
      // Live seconds lie within latestNow +/- window, fewer than the ring's slots: a slot holding another
      // second holds an expired one.
      Bucket bucket = ring[slot(timestamp)];
      if (bucket.second != timestamp) {
        Bucket previous = ring[slot(timestamp - 1)];
        size -= bucket.reset(timestamp, previous.second == timestamp - 1 ? previous.fingerprints.size() : 0);
      }
      if (size >= capacity) {
        if (bucket.fingerprints.contains(fingerprint)) {
          return Outcome.REPLAYED;
        }
        if (!makeRoomBefore(timestamp)) {
          return Outcome.BEYOND_HORIZON;
        }
      }
      if (!bucket.fingerprints.add(fingerprint)) {
        return Outcome.REPLAYED;
      }
      size++;
      return Outcome.FRESH;
    }

    /** Drops expired buckets, then the oldest seconds before {@code timestamp}; true if that made room. */
    private boolean makeRoomBefore(long timestamp) {
      long oldestLive = oldestLiveSecond();
      for (Bucket bucket : ring) {
        if (bucket.second < oldestLive) {
          size -= bucket.reset(Long.MIN_VALUE, 0);
        }
      }
      for (long second = oldestLive; size >= capacity && second < timestamp; second++) {
        Bucket bucket = ring[slot(second)];
        if (bucket.second == second && bucket.fingerprints.size() > 0) {
          size -= bucket.reset(Long.MIN_VALUE, 0);
          horizon = second;
        }
      }
      return size < capacity;
    }

    synchronized int size() {
      return size;
    }

    private long oldestLiveSecond() {
      return Math.max(horizon + 1, latestNow - window);
    }

    private int slot(long second) {
      return (int) Math.floorMod(second, (long) ring.length);
    }
  }

  private static final class Bucket {

    private long second = Long.MIN_VALUE;
    private FingerprintSet fingerprints = new FingerprintSet();

    /**
     * Empties the bucket for {@code newSecond}, with a fresh set so that a burst's table does not outlive it;
     * sized for {@code expected} entries, the second before's count, so that it rarely has to grow.
     */
    int reset(long newSecond, int expected) {
      int dropped = fingerprints.size();
      if (dropped > 0 || expected > 0) {
        fingerprints = new FingerprintSet(expected);
      }
      second = newSecond;
      return dropped;
    }
  }
}
