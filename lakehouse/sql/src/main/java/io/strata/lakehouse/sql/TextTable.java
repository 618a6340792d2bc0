package io.strata.lakehouse.sql;

import java.util.ArrayList;
import java.util.List;

/** Renders rows of text as an aligned table or as CSV; pure, no Spark. */
public final class TextTable {

  /** How a SQL NULL is shown in a table. */
  static final String NULL = "NULL";

  private TextTable() {}

  /** The lines of an aligned table: header, rule, one line per row (null cells show {@value #NULL}). */
  public static List<String> render(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], cell(row.get(i)).length());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(line(header, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    lines.add(rule.toString());
    rows.forEach(row -> lines.add(line(row, widths)));
    return lines;
  }

  /** The lines of a CSV document (RFC 4180): header, then rows; a null cell is empty. */
  public static List<String> csv(List<String> header, List<List<String>> rows) {
    List<String> lines = new ArrayList<>();
    lines.add(csvLine(header));
    rows.forEach(row -> lines.add(csvLine(row)));
    return lines;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      line.append(i == 0 ? "" : " | ").append(pad(cell(cells.get(i)), widths[i]));
    }
    return line.toString().stripTrailing();
  }

  private static String cell(String value) {
    return value == null ? NULL : value.replace("\n", "\\n");
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  private static String csvLine(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String value = cells.get(i);
      if (i > 0) {
        line.append(',');
      }
      if (value == null) {
        continue;
      }
      boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
      line.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
    }
    return line.toString();
  }
}
