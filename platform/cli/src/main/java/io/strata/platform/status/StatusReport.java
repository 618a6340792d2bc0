package io.strata.platform.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code strata status}. Its JSON form is a contract for scripts:
 * {@code {"components":[{"name":"kafka","url":"localhost:9092","healthy":true}, ...]}}.
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

  /** The table form, one component per line under a header. */
  public List<String> toTable() {
    int nameWidth = Math.max("COMPONENT".length(), components.stream().mapToInt(c -> c.name().length()).max().orElse(0));
    int urlWidth = Math.max("URL".length(), components.stream().mapToInt(c -> c.url().length()).max().orElse(0));
    var format = "%-" + nameWidth + "s  %-" + urlWidth + "s  %s";
    var lines = new ArrayList<String>();
    lines.add(String.format(format, "COMPONENT", "URL", "HEALTH"));
    components.forEach(c -> lines.add(String.format(format, c.name(), c.url(), c.healthy() ? "healthy" : "UNHEALTHY")));
    return List.copyOf(lines);
  }
}
