package io.strata.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic's schema must stay BACKWARD_TRANSITIVE compatible with all its released versions: a
 * consumer built from today's schema reads every record ever written. A breaking edit fails the build.
 */
class SchemaEvolutionTest {

  static Stream<Topic<?, ?>> avroTopics() {
    return Topics.avro().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avroTopics")
  void shouldHaveAReleasedVersion(Topic<?, ?> topic) {
    assertThat(SchemaHistory.released(topic))
        .as("Topic '%s' has no released schema under %s; record one with SchemaHistory (see its javadoc)",
            topic.name(), SchemaHistory.ROOT)
        .isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avroTopics")
  void shouldReadEveryReleasedVersion(Topic<?, ?> topic) {
    Schema current = SchemaHistory.current(topic);
    List<Schema> released = SchemaHistory.released(topic);
    for (int i = 0; i < released.size(); i++) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released.get(i)).getResult();
      assertThat(result.getCompatibility())
          .as("Subject '%s': the current schema cannot read version %d (BACKWARD_TRANSITIVE): %s at %s."
                  + " Give new fields a default and never change a field's type.",
              topic.valueSubject(), i + 1,
              result.getIncompatibilities().stream()
                  .map(inc -> inc.getType() + " '" + inc.getMessage() + "'").toList(),
              result.getIncompatibilities().stream().map(inc -> inc.getLocation()).toList())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }
}
