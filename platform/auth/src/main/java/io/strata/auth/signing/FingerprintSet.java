package io.strata.auth.signing;

/**
 * A set of 64-bit fingerprints that are already uniformly random (keyed hashes): open addressing with
 * linear probing over a {@code long[]}, at most half full, so 16 to 32 bytes an entry and no object per
 * entry. Zero marks an empty slot, so a fingerprint of zero is stored as one. Not thread-safe.
 */
final class FingerprintSet {

  private static final int MIN_SLOTS = 16;

  private long[] slots;
  private int size;

  FingerprintSet() {
    this(0);
  }

  /** A set sized for {@code expected} entries without growing. */
  FingerprintSet(int expected) {
    slots = new long[Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, expected) * 2 - 1) * 2)];
  }

  boolean contains(long fingerprint) {
    long value = fingerprint == 0 ? 1 : fingerprint;
    int mask = slots.length - 1;
    for (int slot = (int) value & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
      if (slots[slot] == value) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code fingerprint}; false if it was already there. */
  boolean add(long fingerprint) {
    long value = fingerprint == 0 ? 1 : fingerprint;
    int mask = slots.length - 1;
    for (int slot = (int) value & mask; ; slot = (slot + 1) & mask) {
      if (slots[slot] == value) {
        return false;
      }
      if (slots[slot] == 0) {
        slots[slot] = value;
        if (++size * 2 > slots.length) {
          grow();
        }
        return true;
      }
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long value : old) {
      if (value != 0) {
        int slot = (int) value & mask;
        while (slots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = value;
      }
    }
  }
}
