package io.strata.platform.controlplane;

import java.util.ArrayList;
import java.util.List;

/** Rows under a header, each column as wide as its widest cell, two spaces apart. */
public record Table(List<String> header, List<List<String>> rows) {

  public Table {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
  }

  public List<String> lines() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (var row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    var lines = new ArrayList<String>();
    lines.add(line(header, widths));
    rows.forEach(row -> lines.add(line(row, widths)));
    return List.copyOf(lines);
  }

  private static String line(List<String> cells, int[] widths) {
    var text = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      text.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
    }
    return text.toString().stripTrailing();
  }
}
