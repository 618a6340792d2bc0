package io.strata.auth.signing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical form of a query string: parameters split on {@code &} (empty ones dropped) and at their
 * first {@code =} (a missing value is empty), name and value each percent-encoding normalised, sorted by
 * name then value in byte order, joined as {@code name=value} with {@code &}. Repeated parameters are all
 * kept; no query gives the empty string.
 */
final class CanonicalQuery {

  private static final Comparator<Parameter> ORDER =
      Comparator.comparing(Parameter::name).thenComparing(Parameter::value);
  static final int MAX_PLAIN_PARAMETERS = 32;

  private CanonicalQuery() {}

  static String of(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    String plain = PlainQuery.sorted(rawQuery);
    return plain != null ? plain : general(rawQuery);
  }

  /** Any query: decode, re-encode and sort each parameter. The reference the plain path must agree with. */
  static String general(String rawQuery) {
    List<Parameter> parameters = new ArrayList<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (end > start) {
        parameters.add(Parameter.parse(rawQuery.substring(start, end)));
      }
      start = end + 1;
    }
    parameters.sort(ORDER);
    var canonical = new StringBuilder(rawQuery.length() + 16);
    for (Parameter parameter : parameters) {
      if (canonical.length() > 0) {
        canonical.append('&');
      }
      canonical.append(parameter.name()).append('=').append(parameter.value());
    }
    return canonical.toString();
  }

  /** Sorting compares the encoded forms: all ASCII, so String order is byte order. */
  private record Parameter(String name, String value) {

    static Parameter parse(String raw) {
      int equals = raw.indexOf('=');
      return equals < 0
          ? new Parameter(PercentEncoding.normalise(raw), "")
          : new Parameter(PercentEncoding.normalise(raw.substring(0, equals)),
              PercentEncoding.normalise(raw.substring(equals + 1)));
    }
  }

  /**
   * The common case on every request, without decoding or substrings: a query whose parameters are all
   * {@code name=value} already normalised (unreserved characters and canonical escapes), which only needs
   * sorting; escapes sort by their bytes, as in the general path. Each parameter is a slice of the
   * raw query: {@code starts[i]} to {@code ends[i]}, its {@code =} at {@code equals[i]}.
   */
  private static final class PlainQuery {

    private final String raw;
    private final int[] starts;
    private final int[] equals;
    private final int[] ends;

    private PlainQuery(String raw, int count) {
      this.raw = raw;
      this.starts = new int[count];
      this.equals = new int[count];
      this.ends = new int[count];
    }

    /** The canonical query, or null if {@code raw} needs the general path. */
    static String sorted(String raw) {
      int count = 1;
      for (int i = 0; i < raw.length(); i++) {
        if (raw.charAt(i) == '&') {
          count++;
        }
      }
      if (count > MAX_PLAIN_PARAMETERS) {
        return null;
      }
      var query = new PlainQuery(raw, count);
      return query.slice() ? query.join() : null;
    }

    private boolean slice() {
      int parameter = 0;
      int start = 0;
      int equalsAt = -1;
      for (int i = 0; i <= raw.length(); i++) {
        char c = i == raw.length() ? '&' : raw.charAt(i);
        if (c == '&') {
          if (i == start || equalsAt < 0) {
            return false;
          }
          starts[parameter] = start;
          equals[parameter] = equalsAt;
          ends[parameter++] = i;
          start = i + 1;
          equalsAt = -1;
        } else if (c == '=') {
          if (equalsAt >= 0) {
            return false;
          }
          equalsAt = i;
        } else if (c == '%' && PercentEncoding.canonicalEscapeAt(raw, i)) {
          i += 2;
        } else if (!PercentEncoding.unreserved(c)) {
          return false;
        }
      }
      return true;
    }

    private String join() {
      int[] order = new int[starts.length];
      boolean inOrder = true;
      for (int i = 0; i < order.length; i++) {
        int current = i;
        int j = i - 1;
        while (j >= 0 && compare(order[j], current) > 0) {
          order[j + 1] = order[j];
          j--;
          inOrder = false;
        }
        order[j + 1] = current;
      }
      if (inOrder) {
        return raw;
      }
      var canonical = new StringBuilder(raw.length());
      for (int parameter : order) {
        if (canonical.length() > 0) {
          canonical.append('&');
        }
        canonical.append(raw, starts[parameter], ends[parameter]);
      }
      return canonical.toString();
    }

    private int compare(int a, int b) {
      int byName = compareSlices(starts[a], equals[a], starts[b], equals[b]);
      return byName != 0 ? byName : compareSlices(equals[a] + 1, ends[a], equals[b] + 1, ends[b]);
    }

    private int compareSlices(int from1, int to1, int from2, int to2) {
      int length = Math.min(to1 - from1, to2 - from2);
      for (int i = 0; i < length; i++) {
        int difference = raw.charAt(from1 + i) - raw.charAt(from2 + i);
        if (difference != 0) {
          return difference;
        }
      }
      return (to1 - from1) - (to2 - from2);
    }
  }
}
