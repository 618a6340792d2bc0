package io.strata.auth.signing;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding normalisation of one path segment, query name or query value: every valid
 * {@code %XX} is decoded, then every byte of the UTF-8 form except the unreserved characters
 * {@code A-Z a-z 0-9 - . _ ~} is encoded as {@code %XX} with upper-case hex. So {@code ~}, {@code %7e}
 * and {@code %7E} are the same component, {@code +} stays a literal plus ({@code %2B}), and a {@code %}
 * not followed by two hex digits is a literal percent sign ({@code %25}).
 */
final class PercentEncoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final boolean[] UNRESERVED = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      UNRESERVED[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~';
    }
  }

  private PercentEncoding() {}

  static String normalise(String component) {
    if (allUnreserved(component)) {
      return component;
    }
    byte[] utf8 = component.getBytes(StandardCharsets.UTF_8);
    var out = new StringBuilder(utf8.length * 3);
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i] & 0xFF;
      if (b == '%' && i + 2 < utf8.length && hexValue(utf8[i + 1]) >= 0 && hexValue(utf8[i + 2]) >= 0) {
        b = hexValue(utf8[i + 1]) << 4 | hexValue(utf8[i + 2]);
        i += 2;
      }
      if (unreserved(b)) {
        out.append((char) b);
      } else {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
      }
    }
    return out.toString();
  }

  static boolean unreserved(int c) {
    return c >= 0 && c < 128 && UNRESERVED[c];
  }

  /**
   * True if {@code text} has at {@code index} an escape that normalisation leaves as it is: {@code %} and two
   * upper-case hex digits of a byte outside the unreserved set.
   */
  static boolean canonicalEscapeAt(String text, int index) {
    if (index + 2 >= text.length()) {
      return false;
    }
    int high = upperHexValue(text.charAt(index + 1));
    int low = upperHexValue(text.charAt(index + 2));
    return high >= 0 && low >= 0 && !unreserved(high << 4 | low);
  }

  /** {@link #canonicalEscapeAt(String, int)} for the bytes {@code bytes[.., to)}. */
  static boolean canonicalEscapeAt(byte[] bytes, int index, int to) {
    if (index + 2 >= to) {
      return false;
    }
    int high = upperHexValue((char) (bytes[index + 1] & 0xFF));
    int low = upperHexValue((char) (bytes[index + 2] & 0xFF));
    return high >= 0 && low >= 0 && !unreserved(high << 4 | low);
  }

  private static int upperHexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static boolean allUnreserved(String component) {
    for (int i = 0; i < component.length(); i++) {
      if (!unreserved(component.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }
}
