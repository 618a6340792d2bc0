package io.strata.auth.signing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@link CanonicalQuery}'s plain case in a {@link CanonicalBuffer}: a query whose parameters are all
 * {@code name=value} already normalised (unreserved characters and canonical escapes) is copied in one piece,
 * checked, then its parameters sorted by name and value in byte order, as {@link CanonicalQuery#of} sorts
 * them; any other query is written as {@link CanonicalQuery#of} gives it. One per buffer, reused.
 */
final class PlainQuerySort {

  private static final int MAX = CanonicalQuery.MAX_PLAIN_PARAMETERS;
  private static final byte OTHER = 0;
  private static final byte UNRESERVED = 1;
  private static final byte AMPERSAND = 2;
  private static final byte EQUALS = 3;
  private static final byte PERCENT = 4;
  private static final byte[] CLASSES = new byte[128];
  private static final VarHandle BIG_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  static {
    for (char c = 0; c < 128; c++) {
      CLASSES[c] = PercentEncoding.unreserved(c) ? UNRESERVED : OTHER;
    }
    CLASSES['&'] = AMPERSAND;
    CLASSES['='] = EQUALS;
    CLASSES['%'] = PERCENT;
  }

  private final int[] starts = new int[MAX];
  private final int[] equals = new int[MAX];
  private final int[] ends = new int[MAX];
  /** The first 8 bytes of each name, big-endian and zero-padded: most comparisons end there. */
  private final long[] namePrefixes = new long[MAX];
  private final int[] order = new int[MAX];

  /** Writes the canonical form of {@code raw} into {@code buffer} at {@code at}; returns where it ends. */
  int write(CanonicalBuffer buffer, String raw, int at) {
    if (raw.isEmpty()) {
      return at;
    }
    // One bulk copy, then a scan of bytes: cheaper than a character at a time. ISO-8859-1 turns a character
    // above 0xFF into '?', which no plain query has, so such a query still takes the reference path.
    byte[] latin1 = raw.getBytes(StandardCharsets.ISO_8859_1);
    int end = at + latin1.length;
    // Room for a whole 8-byte name prefix read at any parameter's start.
    buffer.ensure(end + Long.BYTES);
    byte[] bytes = buffer.bytes();
    System.arraycopy(latin1, 0, bytes, at, latin1.length);
    int count = slice(bytes, at, end);
    return count < 0 ? buffer.ascii(CanonicalQuery.of(raw), at) : sort(bytes, latin1, count, at, end);
  }

  /** Finds the parameters of the query at {@code bytes[from, to)}; -1 unless it is the plain case. */
  private int slice(byte[] bytes, int from, int to) {
    int count = 0;
    int start = from;
    int equalsAt = -1;
    for (int i = from; i < to; i++) {
      int c = bytes[i];
      // Negative for a byte above 0x7F: never plain.
      byte kind = c >= 0 ? CLASSES[c] : OTHER;
      if (kind == UNRESERVED) {
        continue;
      }
      if (kind == AMPERSAND) {
        if (i == start || equalsAt < 0 || count == MAX) {
          return -1;
        }
        keep(bytes, count++, start, equalsAt, i);
        start = i + 1;
        equalsAt = -1;
      } else if (kind == EQUALS && equalsAt < 0) {
        equalsAt = i;
      } else if (kind == PERCENT && PercentEncoding.canonicalEscapeAt(bytes, i, to)) {
        i += 2;
      } else {
        return -1;
      }
    }
    if (to == start || equalsAt < 0 || count == MAX) {
      return -1;
    }
    keep(bytes, count++, start, equalsAt, to);
    return count;
  }

  private void keep(byte[] bytes, int parameter, int start, int equalsAt, int end) {
    starts[parameter] = start;
    equals[parameter] = equalsAt;
    ends[parameter] = end;
    // The name's first 8 bytes, big-endian; the bytes after a shorter name are zeroed.
    long word = (long) BIG_ENDIAN_LONGS.get(bytes, start);
    int nameLength = equalsAt - start;
    namePrefixes[parameter] = nameLength >= Long.BYTES ? word : word & ~(-1L >>> (Long.SIZE / Long.BYTES * nameLength));
  }

  /**
   * Insertion sort, stable as {@link CanonicalQuery}'s; rewrites the parameters only if they are out of order,
   * from {@code source}, the query's own copy of what {@code bytes[from, to)} holds.
   */
  private int sort(byte[] bytes, byte[] source, int count, int from, int to) {
    boolean inOrder = true;
    for (int i = 0; i < count; i++) {
      int j = i - 1;
      while (j >= 0 && compare(bytes, order[j], i) > 0) {
        order[j + 1] = order[j];
        j--;
        inOrder = false;
      }
      order[j + 1] = i;
    }
    if (inOrder) {
      return to;
    }
    int out = from;
    for (int k = 0; k < count; k++) {
      int parameter = order[k];
      if (k > 0) {
        bytes[out++] = '&';
      }
      int length = ends[parameter] - starts[parameter];
      System.arraycopy(source, starts[parameter] - from, bytes, out, length);
      out += length;
    }
    return out;
  }

  /**
   * Name, then value, in byte order, a shorter one first when it is a prefix of the other. The prefixes decide
   * when they differ: every byte here is a non-zero ASCII character, so zero padding sorts a shorter name first.
   */
  private int compare(byte[] bytes, int a, int b) {
    if (namePrefixes[a] != namePrefixes[b]) {
      return Long.compare(namePrefixes[a], namePrefixes[b]);
    }
    int byName = compare(bytes, starts[a], equals[a], starts[b], equals[b]);
    return byName != 0 ? byName : compare(bytes, equals[a] + 1, ends[a], equals[b] + 1, ends[b]);
  }

  private static int compare(byte[] bytes, int from1, int to1, int from2, int to2) {
    int length = Math.min(to1 - from1, to2 - from2);
    for (int i = 0; i < length; i++) {
      int difference = bytes[from1 + i] - bytes[from2 + i];
      if (difference != 0) {
        return difference;
      }
    }
    return (to1 - from1) - (to2 - from2);
  }
}
