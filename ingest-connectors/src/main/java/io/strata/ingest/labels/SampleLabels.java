package io.strata.ingest.labels;

import io.strata.events.LabelEvent;
import io.strata.events.ReviewVerdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant's labels of one sample, folded from its {@code labels} events in log order: the labels in force
 * (made and neither retracted, rejected nor corrected since), why each other label left, and the history. Immutable;
 * {@link #apply} returns the next state. The history keeps the last {@value #MAX_HISTORY} events (older ones are
 * dropped from memory, not from the topic, and {@link #truncated()} says so).
 */
public final class SampleLabels {

  /** The most events of one sample's history kept in memory. */
  public static final int MAX_HISTORY = 1000;

  static final SampleLabels EMPTY = new SampleLabels(List.of(), Map.of(), Map.of(), false);

  private final List<LabelEvent> history;
  private final Map<String, LabelEvent> active;
  private final Map<String, String> closed;
  private final boolean truncated;

  private SampleLabels(List<LabelEvent> history, Map<String, LabelEvent> active, Map<String, String> closed,
      boolean truncated) {
    this.history = history;
    this.active = active;
    this.closed = closed;
    this.truncated = truncated;
  }

  /** The state after {@code event}. */
  SampleLabels apply(LabelEvent event) {
    var nextHistory = new ArrayList<LabelEvent>(history.size() + 1);
    boolean drop = history.size() >= MAX_HISTORY;
    nextHistory.addAll(drop ? history.subList(history.size() - MAX_HISTORY + 1, history.size()) : history);
    nextHistory.add(event);
    var nextActive = new LinkedHashMap<>(active);
    var nextClosed = new HashMap<>(closed);
    String labelId = event.getLabelId();
    switch (event.getKind()) {
      case MADE -> {
        if (!nextClosed.containsKey(labelId)) {
          nextActive.put(labelId, event);
        }
      }
      case RETRACTED -> {
        nextActive.remove(labelId);
        nextClosed.put(labelId, "RETRACTED");
      }
      case REVIEWED -> {
        ReviewVerdict verdict = event.getReview() == null ? ReviewVerdict.UNKNOWN : event.getReview().getVerdict();
        if (verdict == ReviewVerdict.REJECTED || verdict == ReviewVerdict.CORRECTED) {
          nextActive.remove(labelId);
          nextClosed.put(labelId, verdict.name());
        }
      }
      default -> {
        // An event kind this gateway does not know yet: kept in the history only.
      }
    }
    return new SampleLabels(Collections.unmodifiableList(nextHistory), Collections.unmodifiableMap(nextActive),
        Collections.unmodifiableMap(nextClosed), truncated || drop);
  }

  /** The labels in force, in the order they were made. */
  public List<LabelEvent> active() {
    return List.copyOf(active.values());
  }

  /** Every event, oldest first (the last {@value #MAX_HISTORY}). */
  public List<LabelEvent> history() {
    return history;
  }

  /** True when older events were dropped from {@link #history()}. */
  public boolean truncated() {
    return truncated;
  }

  /** Whether this label was made on the sample (whatever happened to it since). */
  public boolean knows(String labelId) {
    return active.containsKey(labelId) || closed.containsKey(labelId);
  }

  /** The label, if it is in force. */
  public Optional<LabelEvent> inForce(String labelId) {
    return Optional.ofNullable(active.get(labelId));
  }

  /** Why the label is no longer in force ({@code RETRACTED}, {@code REJECTED}, {@code CORRECTED}), if it is not. */
  public Optional<String> closedBecause(String labelId) {
    return Optional.ofNullable(closed.get(labelId));
  }
}
