package io.strata.registry.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One in-memory partition of {@code _schemas}, with Kafka's compaction rule, and writers that follow the
 * store's protocol: append a proposal, fold, append the settlement. Lets tests interleave writers and compact
 * at any point without a broker.
 */
final class MemoryLog {

  record Record(long offset, String key, String value) {}

  private final List<Record> records = new ArrayList<>();
  private final LogCodec codec = new LogCodec();

  /** Appends a proposal for {@code command}; returns its offset. */
  long propose(Command command) {
    String key = codec.key(command, UUID.randomUUID().toString());
    return append(key, codec.proposal(command));
  }

  /** Appends what the proposer of the command at {@code offset} writes once it has folded the log so far. */
  Outcome settle(long offset) {
    RegistryLog log = fold(records);
    RegistryLog.Fact fact = log.fold().stream().filter(f -> f.offset == offset).findFirst().orElseThrow();
    log.settlement(fact).forEach(write -> append(write.key(), write.value()));
    return fact.outcome();
  }

  /** Proposes and settles at once, as a writer alone on the log does. */
  Outcome write(Command command) {
    return settle(propose(command));
  }

  long append(String key, String value) {
    long offset = records.size();
    records.add(new Record(offset, key, value));
    return offset;
  }

  List<Record> records() {
    return List.copyOf(records);
  }

  /**
   * The partition after the log cleaner has cleaned offsets below {@code cleanedTo}: there a record survives
   * only if no later record below {@code cleanedTo} has its key, and tombstones are gone if
   * {@code tombstonesExpired}. Offsets are kept; records from {@code cleanedTo} on are untouched.
   */
  List<Record> compacted(long cleanedTo, boolean tombstonesExpired) {
    var kept = new ArrayList<Record>();
    for (Record record : records) {
      boolean cleaned = record.offset() < cleanedTo;
      boolean superseded = records.stream()
          .anyMatch(r -> r.offset() > record.offset() && r.offset() < cleanedTo && r.key().equals(record.key()));
      if (cleaned && (superseded || record.value() == null && tombstonesExpired)) {
        continue;
      }
      kept.add(record);
    }
    return kept;
  }

  /** A registry log that has read {@code records}, not yet folded. */
  static RegistryLog fold(List<Record> records) {
    var log = new RegistryLog(CompatibilityLevel.BACKWARD, new LogCodec());
    records.forEach(r -> log.accept(r.offset(), 0, r.key(), r.value()));
    return log;
  }

  /** Everything a client can see of the state, in a stable text form. */
  static String describe(RegistryState state) {
    var text = new StringBuilder("global=" + state.globalLevel());
    for (String subject : state.subjects(true)) {
      text.append("\n").append(subject).append(" level=").append(state.subjectLevel(subject).orElse(null));
      for (SchemaVersion v : state.versions(subject, true)) {
        text.append("\n  v").append(v.version()).append(" id=").append(v.id()).append(v.deleted() ? " deleted" : "")
            .append(" schema=").append(state.schema(v.id()).map(ParsedSchema::canonical).orElse("MISSING"));
      }
    }
    return text.toString();
  }
}
