package io.strata.streams.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.Split;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAssignmentTest {

  @Test
  void shouldGiveTheSameSplitForTheSameSampleAndSeedEveryTime() {
    for (int i = 0; i < 200; i++) {
      String sample = "sample-" + i;
      assertThat(SplitAssignment.of(sample, "ds-1", 10, 10)).isEqualTo(SplitAssignment.of(sample, "ds-1", 10, 10));
    }
  }

  @Test
  void shouldSplitRoughlyByTheRatios() {
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    for (int i = 0; i < 20_000; i++) {
      counts.merge(SplitAssignment.of("sample-" + i, "ds-1", 10, 10), 1, Integer::sum);
    }
    assertThat(counts.get(Split.TRAIN)).isBetween(15_600, 16_400);
    assertThat(counts.get(Split.VALIDATION)).isBetween(1_800, 2_200);
    assertThat(counts.get(Split.TEST)).isBetween(1_800, 2_200);
  }

  @Test
  void shouldDependOnTheSeed() {
    long moved = java.util.stream.IntStream.range(0, 1_000)
        .filter(i -> SplitAssignment.of("s" + i, "a", 10, 10) != SplitAssignment.of("s" + i, "b", 10, 10)).count();
    assertThat(moved).isPositive();
  }

  @Test
  void shouldPutEverythingInTrainWithoutValidationOrTestAndNothingInTrainWithAllOfThem() {
    for (int i = 0; i < 100; i++) {
      assertThat(SplitAssignment.of("s" + i, "d", 0, 0)).isEqualTo(Split.TRAIN);
      assertThat(SplitAssignment.of("s" + i, "d", 0, 100)).isEqualTo(Split.TEST);
    }
  }

  @Test
  void shouldOnlyMoveSamplesFromTrainWhenTheTestShareGrows() {
    for (int i = 0; i < 2_000; i++) {
      Split before = SplitAssignment.of("s" + i, "d", 10, 10);
      Split after = SplitAssignment.of("s" + i, "d", 10, 20);
      if (before != after) {
        assertThat(after).isIn(Split.TEST, Split.VALIDATION);
      }
      if (before == Split.TEST) {
        assertThat(after).isEqualTo(Split.TEST);
      }
    }
  }

  @Test
  void shouldRejectPercentagesBeyondAHundred() {
    assertThatThrownBy(() -> SplitAssignment.of("s", "d", 60, 50)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validation=60 test=50");
  }
}
