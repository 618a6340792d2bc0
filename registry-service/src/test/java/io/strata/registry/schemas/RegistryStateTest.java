package io.strata.registry.schemas;

import static io.strata.registry.schemas.TestSchemas.HEIGHT_WITH_DEFAULT;
import static io.strata.registry.schemas.TestSchemas.ID;
import static io.strata.registry.schemas.TestSchemas.V1;
import static io.strata.registry.schemas.TestSchemas.V2;
import static io.strata.registry.schemas.TestSchemas.V2_NO_DEFAULT;
import static io.strata.registry.schemas.TestSchemas.WIDTH_WITH_DEFAULT;
import static io.strata.registry.schemas.TestSchemas.canonical;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.registry.schemas.Outcome.AlreadyRegistered;
import io.strata.registry.schemas.Outcome.ConfigChanged;
import io.strata.registry.schemas.Outcome.Registered;
import io.strata.registry.schemas.Outcome.Rejected;
import io.strata.registry.schemas.Outcome.SubjectDeleted;
import io.strata.registry.schemas.Outcome.VersionDeleted;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

  private final RegistryState state = new RegistryState(CompatibilityLevel.BACKWARD);
  private long offset;

  @Test
  void shouldDeriveNewIdFromTheProposalOffset() {
    Outcome outcome = state.decide(new Command.Register("a-value", canonical(V1)), 41);

    assertThat(outcome).isEqualTo(new Registered("a-value", 1, 42, ParsedSchema.parse(V1)));
  }

  @Test
  void shouldAnswerTheExistingVersionWhenTheSameSchemaIsRegisteredAgain() {
    var first = register("a-value", V1);

    Outcome again = decide(new Command.Register("a-value", canonical(" " + V1.replace(", ", ","))));

    assertThat(again).isEqualTo(new AlreadyRegistered("a-value", 1, first.id()));
  }

  @Test
  void shouldShareOneIdBetweenSubjects() {
    var a = register("a-value", V1);
    var b = register("b-value", V1);

    assertThat(b.id()).isEqualTo(a.id());
    assertThat(b.version()).isEqualTo(1);
    assertThat(state.usages(a.id(), false)).extracting(SchemaVersion::subject).containsExactly("a-value", "b-value");
  }

  @Test
  void shouldTreatDifferentDefaultsAsDifferentSchemas() {
    var withDefault = register("a-value", V2);
    var otherDefault = register("a-value", TestSchemas.sample(ID, WIDTH_WITH_DEFAULT.replace("0", "7")));

    assertThat(otherDefault.id()).isNotEqualTo(withDefault.id());
    assertThat(otherDefault.version()).isEqualTo(2);
  }

  @Test
  void shouldRejectAnIncompatibleSchemaNamingRuleAndField() {
    register("a-value", V1);

    Outcome outcome = decide(new Command.Register("a-value", canonical(V2_NO_DEFAULT)));

    assertThat(outcome).isInstanceOfSatisfying(Rejected.class, rejected -> {
      assertThat(rejected.code()).isEqualTo(ErrorCode.INCOMPATIBLE_SCHEMA);
      assertThat(rejected.message()).contains("a-value", "BACKWARD", "READER_FIELD_MISSING_DEFAULT_VALUE", "'width'",
          "version 1");
    });
  }

  @Test
  void shouldRejectAnUnparseableSchemaInTheLog() {
    Outcome outcome = decide(new Command.Register("a-value", "{\"type\":\"record\""));

    assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
        rejected -> assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_SCHEMA));
  }

  @Test
  void shouldContinueVersionNumbersAfterSoftDeletedVersionsAndKeepTheId() {
    var v1 = register("a-value", V1);
    apply(new Command.DeleteSubject("a-value", false));

    var again = register("a-value", V1);

    assertThat(again.version()).isEqualTo(2);
    assertThat(again.id()).isEqualTo(v1.id());
  }

  @Test
  void shouldNotCheckCompatibilityAgainstSoftDeletedVersions() {
    register("a-value", V1);
    apply(new Command.DeleteVersion("a-value", VersionRef.LATEST, false));

    assertThat(decide(new Command.Register("a-value", canonical(V2_NO_DEFAULT)))).isInstanceOf(Registered.class);
  }

  @Test
  void shouldFollowConfluentRulesForSubjectDeletes() {
    assertThat(rejection(new Command.DeleteSubject("a-value", false))).isEqualTo(ErrorCode.SUBJECT_NOT_FOUND);
    register("a-value", V1);
    register("a-value", V2);

    assertThat(rejection(new Command.DeleteSubject("a-value", true))).isEqualTo(ErrorCode.SUBJECT_NOT_SOFT_DELETED);
    assertThat(apply(new Command.DeleteSubject("a-value", false)))
        .isEqualTo(new SubjectDeleted("a-value", List.of(1, 2), false));
    assertThat(rejection(new Command.DeleteSubject("a-value", false))).isEqualTo(ErrorCode.SUBJECT_SOFT_DELETED);
    assertThat(apply(new Command.DeleteSubject("a-value", true)))
        .isEqualTo(new SubjectDeleted("a-value", List.of(1, 2), true));
    assertThat(state.subjects(true)).isEmpty();
  }

  @Test
  void shouldFollowConfluentRulesForVersionDeletes() {
    register("a-value", V1);
    register("a-value", V2);

    assertThat(rejection(new Command.DeleteVersion("a-value", new VersionRef(3), false)))
        .isEqualTo(ErrorCode.VERSION_NOT_FOUND);
    assertThat(rejection(new Command.DeleteVersion("a-value", new VersionRef(1), true)))
        .isEqualTo(ErrorCode.VERSION_NOT_SOFT_DELETED);
    assertThat(apply(new Command.DeleteVersion("a-value", new VersionRef(1), false)))
        .isEqualTo(new VersionDeleted("a-value", 1, false));
    assertThat(rejection(new Command.DeleteVersion("a-value", new VersionRef(1), false)))
        .isEqualTo(ErrorCode.VERSION_SOFT_DELETED);
    assertThat(apply(new Command.DeleteVersion("a-value", new VersionRef(1), true)))
        .isEqualTo(new VersionDeleted("a-value", 1, true));
    assertThat(state.versions("a-value", true)).extracting(SchemaVersion::version).containsExactly(2);
  }

  @Test
  void shouldReuseVersionNumbersAndForgetTheIdAfterAPermanentDelete() {
    var v1 = register("a-value", V1);
    apply(new Command.DeleteSubject("a-value", false));
    apply(new Command.DeleteSubject("a-value", true));

    assertThat(state.schema(v1.id())).isEmpty();
    var again = register("a-value", V1);
    assertThat(again.version()).isEqualTo(1);
    assertThat(again.id()).isNotEqualTo(v1.id());
  }

  @Test
  void shouldKeepAnIdWhileAnotherSubjectStillUsesIt() {
    var a = register("a-value", V1);
    register("b-value", V1);
    apply(new Command.DeleteSubject("a-value", false));
    apply(new Command.DeleteSubject("a-value", true));

    assertThat(state.schema(a.id())).contains(ParsedSchema.parse(V1));
  }

  @Test
  void shouldApplySubjectLevelBeforeGlobalAndDefault() {
    assertThat(state.level("a-value")).isEqualTo(CompatibilityLevel.BACKWARD);
    apply(new Command.SetConfig(null, CompatibilityLevel.FULL));
    assertThat(state.level("a-value")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(apply(new Command.SetConfig("a-value", CompatibilityLevel.NONE)))
        .isEqualTo(new ConfigChanged("a-value", CompatibilityLevel.NONE, null));
    assertThat(state.level("a-value")).isEqualTo(CompatibilityLevel.NONE);

    assertThat(apply(new Command.SetConfig("a-value", null)))
        .isEqualTo(new ConfigChanged("a-value", null, CompatibilityLevel.NONE));
    assertThat(state.level("a-value")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(rejection(new Command.SetConfig("a-value", null))).isEqualTo(ErrorCode.SUBJECT_NOT_FOUND);
  }

  @Test
  void shouldDropTheSubjectLevelWhenTheSubjectIsPermanentlyDeleted() {
    register("a-value", V1);
    apply(new Command.SetConfig("a-value", CompatibilityLevel.FULL_TRANSITIVE));
    apply(new Command.DeleteSubject("a-value", false));
    assertThat(state.subjectLevel("a-value")).contains(CompatibilityLevel.FULL_TRANSITIVE);

    apply(new Command.DeleteSubject("a-value", true));

    assertThat(state.subjectLevel("a-value")).isEmpty();
  }

  @Test
  void shouldShareNothingMutableWithACopy() {
    register("a-value", V1);
    RegistryState copy = state.copy();

    register("a-value", TestSchemas.sample(ID, HEIGHT_WITH_DEFAULT));

    assertThat(copy.versions("a-value", false)).hasSize(1);
    assertThat(state.versions("a-value", false)).hasSize(2);
  }

  private Registered register(String subject, String schema) {
    Outcome outcome = apply(new Command.Register(subject, canonical(schema)));
    assertThat(outcome).isInstanceOf(Registered.class);
    return (Registered) outcome;
  }

  private Outcome decide(Command command) {
    return state.decide(command, offset++);
  }

  private Outcome apply(Command command) {
    Outcome outcome = decide(command);
    state.apply(outcome);
    return outcome;
  }

  private ErrorCode rejection(Command command) {
    Outcome outcome = decide(command);
    assertThat(outcome).isInstanceOf(Rejected.class);
    return ((Rejected) outcome).code();
  }
}
