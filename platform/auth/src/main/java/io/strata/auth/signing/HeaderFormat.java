package io.strata.auth.signing;

import java.nio.charset.StandardCharsets;

/**
 * The syntax of each signed value. Every rule excludes line breaks, which keeps the newline-joined
 * canonical request unambiguous. Checked with lookup tables: these run on every request.
 */
final class HeaderFormat {

  static final int APP_KEY_MAX = 64;
  static final int NONCE_MIN = 16;
  static final int NONCE_MAX = 64;
  static final int TIMESTAMP_MAX_DIGITS = 12;
  static final int SHA256_HEX = 64;
  static final int METHOD_MAX = 32;

  static final String APP_KEY_RULE = "1 to " + APP_KEY_MAX + " characters of [A-Za-z0-9_-]";
  static final String NONCE_RULE = NONCE_MIN + " to " + NONCE_MAX + " characters of [A-Za-z0-9_-]";
  static final String TIMESTAMP_RULE = "Unix epoch seconds: 1 to " + TIMESTAMP_MAX_DIGITS
      + " decimal digits without sign or leading zero";
  static final String HEX_RULE = SHA256_HEX + " lower-case hex digits";

  /** Every byte value: the hex digit's value, or -1. */
  private static final byte[] HEX_VALUE = new byte[256];
  private static final boolean[] URL_SAFE = new boolean[128];
  private static final boolean[] TOKEN = new boolean[128];

  static {
    java.util.Arrays.fill(HEX_VALUE, (byte) -1);
    for (char c = 0; c < 128; c++) {
      boolean alphaNumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      URL_SAFE[c] = alphaNumeric || c == '_' || c == '-';
      TOKEN[c] = alphaNumeric || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (c >= '0' && c <= '9') {
        HEX_VALUE[c] = (byte) (c - '0');
      } else if (c >= 'a' && c <= 'f') {
        HEX_VALUE[c] = (byte) (c - 'a' + 10);
      }
    }
  }

  private HeaderFormat() {}

  static boolean appKey(String value) {
    return lengthBetween(value, 1, APP_KEY_MAX) && all(value, URL_SAFE);
  }

  static boolean nonce(String value) {
    return lengthBetween(value, NONCE_MIN, NONCE_MAX) && all(value, URL_SAFE);
  }

  static boolean timestamp(String value) {
    if (!lengthBetween(value, 1, TIMESTAMP_MAX_DIGITS) || (value.length() > 1 && value.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean sha256Hex(String value) {
    if (value == null || value.length() != SHA256_HEX) {
      return false;
    }
    // As in parseSha256Hex: one bulk copy, then bytes.
    byte[] digits = value.getBytes(StandardCharsets.ISO_8859_1);
    int invalid = 0;
    for (byte digit : digits) {
      invalid |= HEX_VALUE[digit & 0xFF];
    }
    return invalid >= 0;
  }

  /** The 32 bytes of 64 lower-case hex digits, checked as they are read; null if {@code value} is not that. */
  static byte[] parseSha256Hex(String value) {
    if (value == null || value.length() != SHA256_HEX) {
      return null;
    }
    // One bulk copy, then bytes: cheaper than a character at a time. ISO-8859-1 turns a character above 0xFF
    // into '?', which is no hex digit.
    byte[] digits = value.getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = new byte[SHA256_HEX / 2];
    int invalid = 0;
    for (int i = 0; i < bytes.length; i++) {
      int high = HEX_VALUE[digits[2 * i] & 0xFF];
      int low = HEX_VALUE[digits[2 * i + 1] & 0xFF];
      invalid |= high | low;
      bytes[i] = (byte) (high << 4 | low);
    }
    return invalid < 0 ? null : bytes;
  }

  /** An HTTP method token (RFC 9110 tchar). */
  static boolean method(String value) {
    return lengthBetween(value, 1, METHOD_MAX) && all(value, TOKEN);
  }

  /** True for a character allowed in an HTTP method token. */
  static boolean tokenChar(char c) {
    return c < 128 && TOKEN[c];
  }

  /**
   * The Unix epoch seconds of a {@value #TIMESTAMP_MAX_DIGITS}-digit-at-most timestamp that
   * {@link #timestamp(String)} accepted; the same value as {@code Long.parseLong}, without its checks.
   */
  static long epochSeconds(String checkedTimestamp) {
    long seconds = 0;
    for (int i = 0; i < checkedTimestamp.length(); i++) {
      seconds = seconds * 10 + (checkedTimestamp.charAt(i) - '0');
    }
    return seconds;
  }

  private static boolean lengthBetween(String value, int min, int max) {
    return value != null && value.length() >= min && value.length() <= max;
  }

  private static boolean all(String value, boolean[] allowed) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 128 || !allowed[c]) {
        return false;
      }
    }
    return true;
  }
}
