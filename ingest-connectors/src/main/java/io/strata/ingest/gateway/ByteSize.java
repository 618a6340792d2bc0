package io.strata.ingest.gateway;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in settings: a number of bytes, or with a KB, MB or GB suffix (powers of 1024), as Micronaut reads them. */
final class ByteSize {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(KB|MB|GB)?");

  private ByteSize() {}

  static long parse(String key, String text) {
    Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("Invalid " + key + " '" + text + "': expected bytes, e.g. 1048576, 512KB, "
          + "256MB or 1GB");
    }
    long value = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    return switch (unit) {
      case "KB" -> value << 10;
      case "MB" -> value << 20;
      case "GB" -> value << 30;
      default -> value;
    };
  }
}
