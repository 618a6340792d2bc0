package io.strata.registry.schemas;

import static io.strata.registry.schemas.TestSchemas.ID;
import static io.strata.registry.schemas.TestSchemas.V1;
import static io.strata.registry.schemas.TestSchemas.V2;
import static io.strata.registry.schemas.TestSchemas.V2_NO_DEFAULT;
import static io.strata.registry.schemas.TestSchemas.canonical;
import static io.strata.registry.schemas.TestSchemas.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.registry.schemas.Outcome.AlreadyRegistered;
import io.strata.registry.schemas.Outcome.Registered;
import io.strata.registry.schemas.Outcome.Rejected;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryLogTest {

  private final MemoryLog log = new MemoryLog();

  @Test
  void shouldDecideConcurrentProposalsInLogOrder() {
    long first = log.propose(register("a-value", V1));
    long same = log.propose(register("a-value", V1));
    long next = log.propose(register("a-value", V2));

    Outcome nextOutcome = log.settle(next);
    Outcome sameOutcome = log.settle(same);
    Outcome firstOutcome = log.settle(first);

    assertThat(firstOutcome).isEqualTo(new Registered("a-value", 1, (int) first + 1, ParsedSchema.parse(V1)));
    assertThat(sameOutcome).isEqualTo(new AlreadyRegistered("a-value", 1, (int) first + 1));
    assertThat(nextOutcome).isEqualTo(new Registered("a-value", 2, (int) next + 1, ParsedSchema.parse(V2)));
  }

  @Test
  void shouldRejectTheLaterOfTwoConcurrentProposalsThatAreIncompatibleWithEachOther() {
    log.write(register("a-value", V1));
    long compatible = log.propose(register("a-value", V2));
    long conflicting = log.propose(register("a-value", sample(ID, TestSchemas.WIDTH.replace("int", "string")
        .replace("}", ",\"default\":\"x\"}"))));

    assertThat(log.settle(conflicting)).isInstanceOf(Rejected.class);
    assertThat(log.settle(compatible)).isInstanceOf(Registered.class);
  }

  @Test
  void shouldLeaveNoTraceOfACommandThatChangedNothing() {
    log.write(register("a-value", V1));
    int before = log.records().size();

    log.write(register("a-value", V1));

    var added = log.records().subList(before, log.records().size());
    assertThat(added).hasSize(2);
    assertThat(added.get(1).key()).isEqualTo(added.get(0).key());
    assertThat(added.get(1).value()).isNull();
  }

  @Test
  void shouldKeepACommandAtItsProposalOffsetWhenCompactionMovesItsDecisionLater() {
    long v1 = log.propose(register("a-value", V1));
    long v2 = log.propose(register("a-value", V2));
    log.settle(v2);
    log.settle(v1);

    List<MemoryLog.Record> compacted = log.compacted(Long.MAX_VALUE, true);

    assertThat(compacted).extracting(MemoryLog.Record::offset).containsExactly(2L, 3L);
    assertThat(folded(compacted)).isEqualTo(folded(log.records()));
    assertThat(state(compacted).version("a-value", new VersionRef(1), false)).get()
        .extracting(SchemaVersion::id).isEqualTo((int) v1 + 1);
  }

  @Test
  void shouldDeriveTheSameRegistryFromEveryCompactionOfTheLog() {
    long crashedWriter = writeEveryKindOfCommand();
    String full = folded(log.records());

    for (long cleanedTo = 0; cleanedTo <= log.records().size(); cleanedTo++) {
      for (boolean tombstonesExpired : List.of(false, true)) {
        assertThat(folded(log.compacted(cleanedTo, tombstonesExpired)))
            .as("cleaned below offset %d, tombstones expired: %s", cleanedTo, tombstonesExpired)
            .isEqualTo(full);
      }
    }
    assertThat(full).contains("b-value level=null\n  v1 id=" + (crashedWriter + 1));
  }

  @Test
  void shouldEraseThePermanentlyDeletedSchemaTextFromTheCompactedLog() {
    log.write(register("gone-value", sample(ID, "{\"name\":\"secret\",\"type\":\"string\",\"default\":\"\"}")));
    log.write(new Command.DeleteSubject("gone-value", false));
    log.write(new Command.DeleteSubject("gone-value", true));

    assertThat(log.compacted(Long.MAX_VALUE, true)).extracting(MemoryLog.Record::value)
        .noneMatch(value -> value != null && value.contains("secret"));
    assertThat(folded(log.compacted(Long.MAX_VALUE, true))).isEqualTo("global=BACKWARD");
  }

  @Test
  void shouldTakeADecisionAsWrittenEvenWhenThisFoldWouldDecideOtherwise() {
    long proposal = log.propose(register("a-value", V1));
    var codec = new LogCodec();
    String key = log.records().get(0).key();
    log.append(key, codec.decision(register("a-value", V1), proposal,
        new Registered("a-value", 7, 99, ParsedSchema.parse(V1))));

    assertThat(state(log.records()).version("a-value", VersionRef.LATEST, false)).get()
        .extracting(SchemaVersion::version, SchemaVersion::id).containsExactly(7, 99);
  }

  @Test
  void shouldRefoldWhenADecisionArrivesForAPlaceAlreadyFolded() {
    var registryLog = new RegistryLog(CompatibilityLevel.BACKWARD, new LogCodec());
    long proposal = log.propose(register("a-value", V1));
    MemoryLog.Record record = log.records().get(0);
    registryLog.accept(record.offset(), 0, record.key(), record.value());
    registryLog.fold();
    registryLog.takeChanged();

    registryLog.accept(5, 0, record.key(), new LogCodec().decision(register("a-value", V1), proposal,
        new Registered("a-value", 1, 42, ParsedSchema.parse(V1))));
    registryLog.fold();

    assertThat(registryLog.takeChanged()).isTrue();
    assertThat(registryLog.state().schema(42)).isPresent();
    assertThat(registryLog.state().schema((int) proposal + 1)).isEmpty();
  }

  @Test
  void shouldSkipRecordsItCannotRead() {
    log.append("not json", "{}");
    log.append("{\"keytype\":\"SCHEMA\",\"subject\":\"a-value\"}", "{\"schema\":\"x\"}");
    log.append("{\"keytype\":\"MODE\",\"subject\":null,\"request\":\"r\"}", "{\"mode\":\"READONLY\"}");
    log.write(register("a-value", V1));

    assertThat(state(log.records()).subjects(false)).containsExactly("a-value");
  }

  /**
   * Registrations from interleaved writers, a rejected one, config changes, soft and permanent deletes with
   * re-registration after them, and one proposal whose writer crashed before deciding it.
   *
   * @return the offset of the undecided proposal
   */
  private long writeEveryKindOfCommand() {
    long a1 = log.propose(register("a-value", V1));
    long b1 = log.propose(register("b-value", V1));
    long a2 = log.propose(register("a-value", V2));
    log.settle(a2);
    log.write(new Command.SetConfig(null, CompatibilityLevel.FULL));
    log.settle(b1);
    log.settle(a1);
    log.write(register("a-value", V2_NO_DEFAULT));
    log.write(new Command.SetConfig("c-value", CompatibilityLevel.NONE));
    log.write(register("c-value", V1));
    log.write(register("c-value", sample("{\"name\":\"id\",\"type\":\"int\"}")));
    log.write(new Command.DeleteVersion("c-value", new VersionRef(1), false));
    long abandoned = log.propose(register("c-value", V2));
    log.write(new Command.DeleteVersion("c-value", new VersionRef(1), true));
    log.write(new Command.DeleteSubject("b-value", false));
    log.write(new Command.DeleteSubject("b-value", true));
    long crashed = log.propose(register("b-value", sample(ID, TestSchemas.HEIGHT_WITH_DEFAULT)));
    log.write(new Command.SetConfig("c-value", null));
    log.write(register("d-value", V2));
    assertThat(abandoned).isPositive();
    return crashed;
  }

  private static Command.Register register(String subject, String schema) {
    return new Command.Register(subject, canonical(schema));
  }

  private static RegistryState state(List<MemoryLog.Record> records) {
    RegistryLog registryLog = MemoryLog.fold(records);
    registryLog.fold();
    return registryLog.state();
  }

  private static String folded(List<MemoryLog.Record> records) {
    return MemoryLog.describe(state(records));
  }
}
