package io.strata.lakehouse.sql.reconcile;

import java.util.ArrayList;
import java.util.List;

/** Compares the offsets of one topic-partition with the offsets of its table rows; a pure function. */
public final class Reconciler {

  /** How many offending offsets or ranges a report names. */
  static final int EXAMPLES = 5;

  private Reconciler() {}

  /**
   * @param earliest the topic's first offset
   * @param end the topic's end offset (exclusive)
   * @param topicOffsets the offsets of the topic's data records, ascending
   * @param tableOffsets the offsets of the table's rows for this partition, ascending, duplicates kept
   * @param compacted whether the topic is compacted: then rows whose record was compacted away are expected
   */
  public static PartitionReport compare(String topic, int partition, long earliest, long end, long[] topicOffsets,
      long[] tableOffsets, boolean compacted) {
    List<String> examples = new ArrayList<>();
    long duplicates = 0;
    long history = 0;
    long tableMax = tableOffsets.length == 0 ? -1 : tableOffsets[tableOffsets.length - 1];
    // Unique table offsets at or after earliest.
    long[] unique = new long[tableOffsets.length];
    int uniqueCount = 0;
    for (int i = 0; i < tableOffsets.length; i++) {
      long offset = tableOffsets[i];
      if (i > 0 && offset == tableOffsets[i - 1]) {
        duplicates++;
        if (i < 2 || tableOffsets[i - 2] != offset) {
          example(examples, "duplicate " + offset);
        }
      } else if (offset < earliest) {
        history++;
      } else {
        unique[uniqueCount++] = offset;
      }
    }
    long gaps = 0;
    long behind = 0;
    long unexpected = 0;
    long gapStart = -1;
    long gapLast = -1;
    int t = 0;
    int u = 0;
    while (t < topicOffsets.length || u < uniqueCount) {
      long inTopic = t < topicOffsets.length ? topicOffsets[t] : Long.MAX_VALUE;
      long inTable = u < uniqueCount ? unique[u] : Long.MAX_VALUE;
      if (inTopic == inTable) {
        t++;
        u++;
      } else if (inTopic < inTable) {
        if (inTopic > tableMax) {
          behind++;
        } else {
          gaps++;
          if (gapStart >= 0 && inTopic == gapLast + 1) {
            gapLast = inTopic;
          } else {
            flushGap(examples, gapStart, gapLast);
            gapStart = inTopic;
            gapLast = inTopic;
          }
        }
        t++;
      } else {
        if (!(compacted && inTable < end)) {
          unexpected++;
          example(examples, "unexpected " + inTable);
        }
        u++;
      }
    }
    flushGap(examples, gapStart, gapLast);
    return new PartitionReport(topic, partition, earliest, end, topicOffsets.length, tableOffsets.length, gaps, behind,
        duplicates, unexpected, history, examples);
  }

  private static void flushGap(List<String> examples, long start, long last) {
    if (start >= 0) {
      example(examples, start == last ? "missing " + start : "missing " + start + "-" + last);
    }
  }

  private static void example(List<String> examples, String text) {
    if (examples.size() < EXAMPLES) {
      examples.add(text);
    }
  }
}
