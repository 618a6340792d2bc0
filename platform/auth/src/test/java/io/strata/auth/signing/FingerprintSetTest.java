package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintSetTest {

  @Test
  void shouldBehaveAsASetOfLongsThroughManyGrowths() {
    var set = new FingerprintSet();
    Set<Long> reference = new HashSet<>();
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      // A small range too, so that repeats and neighbouring slots happen; zero is left to the test below.
      long value = i % 3 == 0 ? 2 + random.nextInt(5000) : random.nextLong();
      if (value == 0) {
        continue;
      }
      assertThat(set.add(value)).isEqualTo(reference.add(value));
    }

    assertThat(set.size()).isEqualTo(reference.size());
    assertThat(reference).allSatisfy(value -> assertThat(set.contains(value)).isTrue());
    assertThat(set.contains(-42L)).isEqualTo(reference.contains(-42L));
  }

  @Test
  void shouldStoreZeroAsOneSinceZeroMarksAnEmptySlot() {
    var set = new FingerprintSet();

    assertThat(set.add(0L)).isTrue();
    assertThat(set.contains(0L)).isTrue();
    assertThat(set.add(1L)).as("zero and one share a slot value").isFalse();
  }
}
