package io.strata.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strata.events.DriftSeverity;
import org.junit.jupiter.api.Test;

class DriftStatsTest {

  private static final double[] EDGES = {0, 10, 20, 30};

  @Test
  void shouldPutValuesInTheirBinAndOutliersInTheOuterBins() {
    assertThat(Bins.of(-5, EDGES)).isZero();
    assertThat(Bins.of(0, EDGES)).isZero();
    assertThat(Bins.of(10, EDGES)).isEqualTo(1);
    assertThat(Bins.of(19.9, EDGES)).isEqualTo(1);
    assertThat(Bins.of(20, EDGES)).isEqualTo(2);
    assertThat(Bins.of(30, EDGES)).isEqualTo(2);
    assertThat(Bins.of(1e9, EDGES)).isEqualTo(2);
    assertThat(Bins.of(Double.NaN, EDGES)).isZero();
    assertThatThrownBy(() -> Bins.of(1, new double[] {0})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveZeroPsiAndKsForTheReferenceItself() {
    double[] expected = {0.25, 0.5, 0.25};
    assertThat(Psi.of(expected, new long[] {25, 50, 25})).isCloseTo(0, within(1e-12));
    assertThat(Ks.of(expected, new long[] {25, 50, 25})).isCloseTo(0, within(1e-12));
    assertThat(Psi.of(expected, new long[] {0, 0, 0})).isZero();
  }

  @Test
  void shouldMeasureAShiftAsTheTextbookFormulaDoes() {
    double[] expected = {0.5, 0.5};
    // (0.8 - 0.5) ln(0.8 / 0.5) + (0.2 - 0.5) ln(0.2 / 0.5)
    double psi = 0.3 * Math.log(1.6) + (-0.3) * Math.log(0.4);
    assertThat(Psi.of(expected, new long[] {80, 20})).isCloseTo(psi, within(1e-12));
    assertThat(Ks.of(expected, new long[] {80, 20})).isCloseTo(0.3, within(1e-12));
    // An empty observed bin is floored, not infinite.
    assertThat(Psi.of(expected, new long[] {100, 0})).isFinite().isGreaterThan(1);
  }

  @Test
  void shouldGradeSeverityByTheWorstPsiOnceTheWindowIsLargeEnough() {
    var bands = SeverityBands.defaults();
    assertThat(bands.of(0.01, 100)).isEqualTo(DriftSeverity.NONE);
    assertThat(bands.of(0.06, 100)).isEqualTo(DriftSeverity.LOW);
    assertThat(bands.of(0.1, 100)).isEqualTo(DriftSeverity.MODERATE);
    assertThat(bands.of(0.3, 100)).isEqualTo(DriftSeverity.SEVERE);
    assertThat(bands.of(5, 19)).isEqualTo(DriftSeverity.UNKNOWN);
    assertThatThrownBy(() -> new SeverityBands(0.3, 0.2, 20)).hasMessageContaining("moderate < severe");
  }
}
