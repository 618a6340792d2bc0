package io.strata.platform.status;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The metrics columns of the {@code strata status} table; "–" where a component does not publish the metric. */
final class SummaryCells {

  static final List<String> HEADERS =
      List.of("UPTIME", "REQ/S", "P99", "LAG", "PRODUCED", "JOBS Q/R", "GPUS", "COMMIT AGE");
  static final String NONE = "–";
  static final String NO_METRICS = "no metrics";

  private SummaryCells() {
  }

  static List<String> of(MetricsSummary summary) {
    if (summary == null) {
      var cells = new java.util.ArrayList<>(Collections.nCopies(HEADERS.size(), ""));
      cells.set(0, NO_METRICS);
      return List.copyOf(cells);
    }
    return List.of(
        duration(summary.uptimeSeconds()),
        summary.requestsPerSecond() == null ? NONE : String.format(Locale.ROOT, "%.1f", summary.requestsPerSecond()),
        summary.p99Seconds() == null ? NONE : millis(summary.p99Seconds()),
        count(summary.consumerLag()),
        count(summary.eventsProduced()),
        pair(summary.jobsQueued(), summary.jobsRunning()),
        pair(summary.gpusInUse(), summary.gpusTotal()),
        duration(summary.commitAgeSeconds()));
  }

  static String duration(Double seconds) {
    if (seconds == null) {
      return NONE;
    }
    long total = Math.round(seconds);
    if (total < 60) {
      return total + "s";
    } else if (total < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", total / 60, total % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", total / 3600, (total % 3600) / 60);
  }

  private static String millis(double seconds) {
    double millis = seconds * 1000;
    return millis < 10 ? String.format(Locale.ROOT, "%.1f ms", millis) : Math.round(millis) + " ms";
  }

  private static String count(Double value) {
    return value == null ? NONE : Long.toString(Math.round(value));
  }

  private static String pair(Double first, Double second) {
    if (first == null && second == null) {
      return NONE;
    }
    return count(first) + "/" + count(second);
  }
}
