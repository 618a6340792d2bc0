package io.strata.registry.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The console's HTML building blocks. Every value that is not a constant of this package goes through
 * {@link #esc} (text and attribute values) or {@link #path} (URL path segments, then {@link #esc}).
 */
final class Html {

  private Html() {}

  /** The value as HTML text or a quoted attribute value: {@code & < > " '} escaped; null is empty. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A URL path segment, percent-encoded (to be passed through {@link #esc} inside an attribute). */
  static String path(Object segment) {
    return URLEncoder.encode(segment == null ? "" : segment.toString(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A number for display: integers as they are, others with up to 4 decimals. */
  static String number(Object value) {
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return esc(value);
  }

  /** A link to a console page: {@code href} built from escaped parts, {@code label} escaped here. */
  static String link(String href, Object label) {
    return "<a href=\"" + esc(href) + "\">" + esc(label) + "</a>";
  }
}
