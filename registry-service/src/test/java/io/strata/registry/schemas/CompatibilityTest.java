package io.strata.registry.schemas;

import static io.strata.registry.schemas.TestSchemas.ID;
import static io.strata.registry.schemas.TestSchemas.WIDTH;
import static io.strata.registry.schemas.TestSchemas.WIDTH_WITH_DEFAULT;
import static io.strata.registry.schemas.TestSchemas.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityTest {

  private static final String ONLY_ID = sample(ID);
  private static final String WIDTH_REQUIRED = sample(ID, WIDTH);
  private static final String WIDTH_OPTIONAL = sample(ID, WIDTH_WITH_DEFAULT);

  @Test
  void shouldAcceptAnythingUnderNone() {
    var problems = check(CompatibilityLevel.NONE, sample("{\"name\":\"id\",\"type\":\"int\"}"), ONLY_ID);

    assertThat(problems).isEmpty();
  }

  @Test
  void shouldRequireADefaultForAnAddedFieldUnderBackward() {
    assertThat(check(CompatibilityLevel.BACKWARD, WIDTH_OPTIONAL, ONLY_ID)).isEmpty();
    assertThat(check(CompatibilityLevel.BACKWARD, WIDTH_REQUIRED, ONLY_ID)).singleElement().asString()
        .contains("BACKWARD", "READER_FIELD_MISSING_DEFAULT_VALUE", "'width'", "/fields/1", "version 1");
  }

  @Test
  void shouldCheckOnlyTheLatestVersionUnderBackwardButAllUnderBackwardTransitive() {
    assertThat(check(CompatibilityLevel.BACKWARD, WIDTH_REQUIRED, ONLY_ID, WIDTH_OPTIONAL)).isEmpty();
    assertThat(check(CompatibilityLevel.BACKWARD_TRANSITIVE, WIDTH_REQUIRED, ONLY_ID, WIDTH_OPTIONAL))
        .singleElement().asString().contains("BACKWARD_TRANSITIVE", "'width'", "version 1");
  }

  @Test
  void shouldRequireOldReadersToReadNewDataUnderForward() {
    assertThat(check(CompatibilityLevel.FORWARD, ONLY_ID, WIDTH_OPTIONAL)).isEmpty();
    assertThat(check(CompatibilityLevel.FORWARD, ONLY_ID, WIDTH_REQUIRED)).singleElement().asString()
        .contains("FORWARD", "READER_FIELD_MISSING_DEFAULT_VALUE", "'width'", "old (version 1) schema");
  }

  @Test
  void shouldCheckOnlyTheLatestVersionUnderForwardButAllUnderForwardTransitive() {
    assertThat(check(CompatibilityLevel.FORWARD, ONLY_ID, WIDTH_REQUIRED, WIDTH_OPTIONAL)).isEmpty();
    assertThat(check(CompatibilityLevel.FORWARD_TRANSITIVE, ONLY_ID, WIDTH_REQUIRED, WIDTH_OPTIONAL))
        .singleElement().asString().contains("FORWARD_TRANSITIVE", "version 1");
  }

  @Test
  void shouldRequireBothDirectionsUnderFull() {
    assertThat(check(CompatibilityLevel.FULL, WIDTH_OPTIONAL, ONLY_ID)).isEmpty();
    assertThat(check(CompatibilityLevel.FULL, WIDTH_REQUIRED, ONLY_ID)).singleElement().asString()
        .contains("FULL", "in the new schema has no default value");
    assertThat(check(CompatibilityLevel.FULL, ONLY_ID, WIDTH_REQUIRED)).singleElement().asString()
        .contains("FULL", "in the old (version 1) schema has no default value");
  }

  @Test
  void shouldCheckOnlyTheLatestVersionUnderFullButAllUnderFullTransitive() {
    assertThat(check(CompatibilityLevel.FULL, ONLY_ID, WIDTH_REQUIRED, WIDTH_OPTIONAL)).isEmpty();
    assertThat(check(CompatibilityLevel.FULL_TRANSITIVE, ONLY_ID, WIDTH_REQUIRED, WIDTH_OPTIONAL))
        .singleElement().asString().contains("FULL_TRANSITIVE", "version 1");
  }

  @Test
  void shouldNameTheTypeMismatch() {
    var problems = check(CompatibilityLevel.BACKWARD, sample("{\"name\":\"id\",\"type\":\"int\"}"), ONLY_ID);

    assertThat(problems).singleElement().asString().contains("TYPE_MISMATCH", "/fields/0/type");
  }

  @Test
  void shouldBeCompatibleWithNothing() {
    assertThat(check(CompatibilityLevel.FULL_TRANSITIVE, WIDTH_REQUIRED)).isEmpty();
  }

  /** Checks {@code candidate} against {@code previous}, which become versions 1, 2, ... */
  private static List<String> check(CompatibilityLevel level, String candidate, String... previous) {
    var versions = new ArrayList<SchemaVersion>();
    for (int i = 0; i < previous.length; i++) {
      versions.add(new SchemaVersion("s", i + 1, i + 1, ParsedSchema.parse(previous[i]), false));
    }
    return Compatibility.problems(level, ParsedSchema.parse(candidate), versions);
  }
}
