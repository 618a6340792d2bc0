package io.strata.registry.schemas;

import io.strata.registry.schemas.Outcome.Registered;
import io.strata.registry.schemas.Outcome.SubjectDeleted;
import io.strata.registry.schemas.Outcome.VersionDeleted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the records of {@code _schemas} into a {@link RegistryState}. Each command is placed at the offset of
 * its proposal, not at the offset where its record now sits: when compaction replaces a proposal by its
 * decision (same key, later offset), the command keeps its place, so a replay of the compacted log decides
 * every command in the same order, against the same state, as the instances that read the log live.
 *
 * <p>A command with a decision record is applied as decided; one without is decided here. The input that
 * matters is only the latest value per key, which is exactly what compaction keeps. Pure and single-threaded:
 * no Kafka, no clock.
 */
final class RegistryLog {

  private static final Logger log = LoggerFactory.getLogger(RegistryLog.class);

  /** A command in the log, at the offset of its proposal. */
  static final class Fact {
    final long offset;
    final String key;
    final String request;
    final Command command;
    final long timestamp;
    private Outcome decided;
    private Outcome derived;

    private Fact(long offset, String key, String request, Command command, long timestamp) {
      this.offset = offset;
      this.key = key;
      this.request = request;
      this.command = command;
      this.timestamp = timestamp;
    }

    /** The decision read from the log, else the outcome this fold derived, else null (not folded yet). */
    Outcome outcome() {
      return decided != null ? decided : derived;
    }

    boolean decided() {
      return decided != null;
    }
  }

  private final CompatibilityLevel defaultLevel;
  private final LogCodec codec;
  private final NavigableMap<Long, Fact> facts = new TreeMap<>();
  private final Map<String, Long> offsetsByKey = new HashMap<>();
  private final NavigableSet<Long> undecided = new TreeSet<>();
  private RegistryState state;
  private long folded = -1;
  private boolean refold;
  private boolean changed;

  RegistryLog(CompatibilityLevel defaultLevel, LogCodec codec) {
    this.defaultLevel = defaultLevel;
    this.codec = codec;
    this.state = new RegistryState(defaultLevel);
  }

  /** Takes in one record; {@link #fold()} applies it. {@code value} null is a tombstone. */
  void accept(long offset, long timestamp, String key, String value) {
    if (key == null) {
      log.error("Skipping a record without key in the schema log: offset={}", offset);
      return;
    }
    if (value == null) {
      forget(key);
      return;
    }
    LogCodec.Entry entry;
    try {
      entry = codec.read(key, value);
    } catch (RuntimeException e) {
      log.error("Skipping an unreadable record in the schema log: offset={} key={} error={}", offset, key,
          e.getMessage());
      return;
    }
    Long known = offsetsByKey.get(key);
    if (entry.decided() == null) {
      if (known == null) {
        add(new Fact(offset, key, entry.request(), entry.command(), timestamp));
      }
      return;
    }
    Fact fact = known == null ? null : facts.get(known);
    if (fact == null) {
      fact = new Fact(entry.offset(), key, entry.request(), entry.command(), timestamp);
      fact.decided = entry.decided();
      add(fact);
      return;
    }
    Outcome before = fact.outcome();
    fact.decided = entry.decided();
    undecided.remove(fact.offset);
    if (before != null && !before.equals(fact.decided)) {
      log.warn("A decision in the schema log differs from the outcome derived here; refolding: offset={} key={} "
          + "derived={} decided={}", fact.offset, key, before, fact.decided);
      refold = true;
    }
  }

  /**
   * Applies every command taken in since the last fold, in proposal order; rebuilds the state from the first
   * command when a record arrived for a place already folded.
   *
   * @return the commands folded now, in order, each with its {@link Fact#outcome()}
   */
  List<Fact> fold() {
    if (refold) {
      state = new RegistryState(defaultLevel);
      folded = -1;
      facts.values().forEach(fact -> fact.derived = null);
      refold = false;
      changed = true;
    }
    var now = new ArrayList<Fact>();
    for (Fact fact : facts.tailMap(folded, false).values()) {
      Outcome outcome = fact.decided != null ? fact.decided : state.decide(fact.command, fact.offset);
      if (fact.decided == null) {
        fact.derived = outcome;
      }
      state.apply(outcome);
      changed |= outcome.changesState();
      folded = fact.offset;
      now.add(fact);
    }
    return now;
  }

  /** The folded state; mutable, owned by the caller's thread. */
  RegistryState state() {
    return state;
  }

  /** Whether the state changed since the last call. */
  boolean takeChanged() {
    boolean result = changed;
    changed = false;
    return result;
  }

  /** Folded commands that have no decision record yet, in proposal order. */
  List<Fact> undecided(long beforeOffset) {
    var result = new ArrayList<Fact>();
    for (long offset : undecided.headSet(beforeOffset, false)) {
      Fact fact = facts.get(offset);
      if (fact != null && fact.derived != null) {
        result.add(fact);
      }
    }
    return result;
  }

  /**
   * A record to append to the log: a command's decision, or a tombstone ({@code value} null) that says the
   * command changed nothing or, when {@code erasure}, that erases a permanently deleted registration.
   */
  record Write(String key, String value, boolean erasure) {}

  /**
   * The records that settle a folded command: its decision, or a tombstone when it changed nothing. A permanent
   * delete is preceded by the decisions of every undecided command before it and followed by tombstones for
   * the registrations it removed: compaction then erases their schema text, and since every command that saw
   * them is decided by then, no replay can decide differently.
   */
  List<Write> settlement(Fact fact) {
    var writes = new ArrayList<Write>();
    Outcome outcome = fact.outcome();
    String subject = null;
    List<Integer> erased = List.of();
    if (outcome instanceof SubjectDeleted deleted && deleted.permanent()) {
      subject = deleted.subject();
      erased = deleted.versions();
    } else if (outcome instanceof VersionDeleted deleted && deleted.permanent()) {
      subject = deleted.subject();
      erased = List.of(deleted.version());
    }
    if (subject != null) {
      undecided(fact.offset).forEach(earlier -> writes.add(decision(earlier)));
    }
    writes.add(decision(fact));
    if (subject != null) {
      for (Fact earlier : facts.headMap(fact.offset, false).values()) {
        if (earlier.outcome() instanceof Registered registered && registered.subject().equals(subject)
            && erased.contains(registered.version())) {
          writes.add(new Write(earlier.key, null, true));
        }
      }
    }
    return writes;
  }

  private Write decision(Fact fact) {
    Outcome outcome = fact.outcome();
    return new Write(fact.key, outcome.changesState() ? codec.decision(fact.command, fact.offset, outcome) : null,
        false);
  }

  private void add(Fact fact) {
    facts.put(fact.offset, fact);
    offsetsByKey.put(fact.key, fact.offset);
    if (fact.decided == null) {
      undecided.add(fact.offset);
    }
    if (fact.offset <= folded) {
      refold = true;
    }
  }

  private void forget(String key) {
    Long offset = offsetsByKey.remove(key);
    if (offset == null) {
      return;
    }
    Fact fact = facts.remove(offset);
    undecided.remove(offset);
    if (offset <= folded && fact.outcome() != null && fact.outcome().changesState()) {
      refold = true;
    }
  }
}
