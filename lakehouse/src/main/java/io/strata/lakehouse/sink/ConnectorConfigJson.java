package io.strata.lakehouse.sink;

import java.util.Map;
import java.util.stream.Collectors;

/** Writes a connector configuration as the JSON body of Connect's {@code PUT /connectors/<name>/config}. */
final class ConnectorConfigJson {

  private ConnectorConfigJson() {}

  static String of(Map<String, String> config) {
    return config.entrySet().stream()
        .map(e -> "  " + quote(e.getKey()) + ": " + quote(e.getValue()))
        .collect(Collectors.joining(",\n", "{\n", "\n}"));
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
