package io.strata.lakehouse.sql.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * How one topic-partition compares with its table.
 *
 * @param topic the topic
 * @param partition the partition
 * @param earliest the topic's first offset (older records were deleted by retention)
 * @param end the topic's end offset for committed reads (the last stable offset)
 * @param records data records in the topic between {@code earliest} and {@code end} (transaction markers,
 *     aborted records and tombstones are no rows)
 * @param rows table rows of this partition, all offsets
 * @param gaps records missing from the table below the table's highest offset: lost rows
 * @param behind records after the table's highest offset: not committed by the sink yet (or lost at the tail)
 * @param duplicates rows beyond the first for the same offset
 * @param unexpected rows whose offset is no data record of the topic (at or past the end, or an aborted one)
 * @param history rows older than {@code earliest}: the table keeps what retention deleted from the topic
 * @param examples a few of the offending offsets or ranges, for the detail lines
 */
public record PartitionReport(String topic, int partition, long earliest, long end, long records, long rows, long gaps,
    long behind, long duplicates, long unexpected, long history, List<String> examples) {

  public PartitionReport {
    examples = List.copyOf(examples);
  }

  /** Whether the table matches the topic; {@code allowBehind} tolerates a tail the sink has not committed yet. */
  public boolean ok(boolean allowBehind) {
    return gaps == 0 && duplicates == 0 && unexpected == 0 && (allowBehind || behind == 0);
  }

  /** One word for the table: OK, or the problems found. */
  public String status() {
    List<String> problems = new ArrayList<>();
    if (gaps > 0) {
      problems.add("GAP");
    }
    if (duplicates > 0) {
      problems.add("DUPLICATE");
    }
    if (unexpected > 0) {
      problems.add("UNEXPECTED");
    }
    if (behind > 0) {
      problems.add("BEHIND");
    }
    return problems.isEmpty() ? "OK" : String.join(",", problems);
  }
}
