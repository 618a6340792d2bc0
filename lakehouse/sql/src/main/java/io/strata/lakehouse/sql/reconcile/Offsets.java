package io.strata.lakehouse.sql.reconcile;

import java.util.Arrays;

/** A growable list of offsets (8 bytes each), sorted on demand; no boxing, for millions of rows. */
final class Offsets {

  private long[] values = new long[1024];
  private int size;

  static Offsets of(long... offsets) {
    Offsets result = new Offsets();
    for (long offset : offsets) {
      result.add(offset);
    }
    return result;
  }

  void add(long offset) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = offset;
  }

  int size() {
    return size;
  }

  /** The offsets in ascending order (duplicates kept). */
  long[] sorted() {
    long[] copy = Arrays.copyOf(values, size);
    Arrays.sort(copy);
    return copy;
  }
}
