package io.strata.platform.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code strata status}. Its JSON form is a contract for scripts:
 * {@code {"components":[{"name":"kafka","url":"localhost:9092","healthy":true}, {"name":"processors",...,
 * "metrics":{"uptimeSeconds":812.4,"consumerLag":0.0,"eventsProduced":1520.0}}, ...]}} ({@code metrics} only for
 * components that serve {@code /metrics}; inside it, only the metrics they publish, see {@link MetricsSummary}).
 */
public record StatusReport(List<ComponentStatus> components) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public StatusReport {
    components = List.copyOf(components);
  }

  /** True when something runs and every component answered. */
  public boolean healthy() {
    return !components.isEmpty() && components.stream().allMatch(ComponentStatus::healthy);
  }

  /** The JSON form, on one line. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the status report as JSON", e);
    }
  }

  /** The table form, one component per line under a header: health, then the summary of its metrics. */
  public List<String> toTable() {
    var rows = new ArrayList<List<String>>();
    var header = new ArrayList<>(List.of("COMPONENT", "URL", "HEALTH"));
    header.addAll(SummaryCells.HEADERS);
    rows.add(header);
    for (var c : components) {
      var row = new ArrayList<>(List.of(c.name(), c.url(), c.healthy() ? "healthy" : "UNHEALTHY"));
      row.addAll(SummaryCells.of(c.metrics()));
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    rows.forEach(row -> {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    var lines = new ArrayList<String>();
    for (var row : rows) {
      var line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", row.get(i)));
      }
      lines.add(line.toString().stripTrailing());
    }
    return List.copyOf(lines);
  }
}
