package io.strata.auth.signing;

import java.util.ArrayList;
import java.util.List;

/**
 * The canonical form of a request path (RFC 3986 section 6.2.2): each segment percent-encoding
 * normalised, then the dot segments {@code .} and {@code ..} removed. Empty segments and a trailing
 * slash are kept; an empty path is {@code /}. The gateway must route on the same normalised path.
 */
final class CanonicalPath {

  private CanonicalPath() {}

  static String of(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return rawPath.charAt(0) == '/' && isCanonical(rawPath) ? rawPath : normalise(rawPath);
  }

  /** Any path, segment by segment; the reference that the shortcut for canonical paths must agree with. */
  static String normalise(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    String[] segments = (rawPath.charAt(0) == '/' ? rawPath.substring(1) : rawPath).split("/", -1);
    List<String> kept = new ArrayList<>(segments.length);
    for (int i = 0; i < segments.length; i++) {
      String segment = PercentEncoding.normalise(segments[i]);
      boolean last = i == segments.length - 1;
      if (segment.equals("..") && !kept.isEmpty()) {
        kept.remove(kept.size() - 1);
      }
      if (segment.equals(".") || segment.equals("..")) {
        if (last) {
          kept.add("");
        }
      } else {
        kept.add(segment);
      }
    }
    return "/" + String.join("/", kept);
  }

  /**
   * True for a path already in canonical form — unreserved characters, canonical escapes and slashes, no dot
   * segment — which is the common case and is kept as it is.
   */
  private static boolean isCanonical(String path) {
    int segmentStart = 1;
    for (int i = 1; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        if (isDotSegment(path, segmentStart, i)) {
          return false;
        }
        segmentStart = i + 1;
      } else if (path.charAt(i) == '%' && PercentEncoding.canonicalEscapeAt(path, i)) {
        i += 2;
      } else if (!PercentEncoding.unreserved(path.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDotSegment(String path, int from, int to) {
    int length = to - from;
    return (length == 1 && path.charAt(from) == '.')
        || (length == 2 && path.charAt(from) == '.' && path.charAt(from + 1) == '.');
  }
}
