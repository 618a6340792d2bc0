package io.strata.auth.signing;

/**
 * {@link CanonicalQuery}'s plain case in a {@link CanonicalBuffer}: a query whose parameters are all
 * {@code name=value} already normalised (unreserved characters and canonical escapes) is copied as it is
 * checked, then its parameters sorted by name and value in byte order, as {@link CanonicalQuery#of} sorts
 * them; any other query is written as {@link CanonicalQuery#of} gives it. One per buffer, reused.
 */
final class PlainQuerySort {

  private static final int MAX = CanonicalQuery.MAX_PLAIN_PARAMETERS;
  private static final int KEPT_CAPACITY = 8 * 1024;
  private static final byte OTHER = 0;
  private static final byte UNRESERVED = 1;
  private static final byte AMPERSAND = 2;
  private static final byte EQUALS = 3;
  private static final byte PERCENT = 4;
  private static final byte[] CLASSES = new byte[128];

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
  private byte[] spare = new byte[256];

  /** Writes the canonical form of {@code raw} into {@code buffer} at {@code at}; returns where it ends. */
  int write(CanonicalBuffer buffer, String raw, int at) {
    if (raw.isEmpty()) {
      return at;
    }
    buffer.ensure(at + raw.length() + 1);
    byte[] bytes = buffer.bytes();
    int count = slice(raw, bytes, at);
    return count < 0 ? buffer.ascii(CanonicalQuery.of(raw), at) : sort(bytes, count, at, at + raw.length());
  }

  /**
   * Copies {@code raw} to {@code bytes} at {@code at} and finds its parameters; -1 unless it is the plain case.
   * A character is copied before it is checked: one that fails sends the query to the reference path, which
   * overwrites the copy.
   */
  private int slice(String raw, byte[] bytes, int at) {
    int count = 0;
    int start = at;
    int equalsAt = -1;
    int length = raw.length();
    for (int i = 0; i < length; i++) {
      char c = raw.charAt(i);
      bytes[at + i] = (byte) c;
      byte kind = c < 128 ? CLASSES[c] : OTHER;
      if (kind == UNRESERVED) {
        continue;
      }
      if (kind == AMPERSAND) {
        if (at + i == start || equalsAt < 0 || count == MAX) {
          return -1;
        }
        keep(bytes, count++, start, equalsAt, at + i);
        start = at + i + 1;
        equalsAt = -1;
      } else if (kind == EQUALS && equalsAt < 0) {
        equalsAt = at + i;
      } else if (kind == PERCENT && PercentEncoding.canonicalEscapeAt(raw, i)) {
        bytes[at + i + 1] = (byte) raw.charAt(i + 1);
        bytes[at + i + 2] = (byte) raw.charAt(i + 2);
        i += 2;
      } else {
        return -1;
      }
    }
    if (at + length == start || equalsAt < 0 || count == MAX) {
      return -1;
    }
    keep(bytes, count++, start, equalsAt, at + length);
    return count;
  }

  private void keep(byte[] bytes, int parameter, int start, int equalsAt, int end) {
    starts[parameter] = start;
    equals[parameter] = equalsAt;
    ends[parameter] = end;
    long prefix = 0;
    for (int i = 0; i < 8; i++) {
      prefix = prefix << 8 | (start + i < equalsAt ? bytes[start + i] : 0);
    }
    namePrefixes[parameter] = prefix;
  }

  /** Insertion sort, stable as {@link CanonicalQuery}'s; rewrites the parameters only if they are out of order. */
  private int sort(byte[] bytes, int count, int from, int to) {
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
    byte[] copy = spare.length >= to - from ? spare : new byte[to - from];
    if (copy.length <= KEPT_CAPACITY) {
      spare = copy;
    }
    System.arraycopy(bytes, from, copy, 0, to - from);
    int out = from;
    for (int k = 0; k < count; k++) {
      int parameter = order[k];
      if (k > 0) {
        bytes[out++] = '&';
      }
      int length = ends[parameter] - starts[parameter];
      System.arraycopy(copy, starts[parameter] - from, bytes, out, length);
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
