package io.strata.streams.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QualityMetricsTest {

  @Test
  void shouldMeasureAFlatImageAsBlurryWithNoContrast() {
    var metrics = QualityMetrics.of(LumaDecoder.luma(TestImages.flat(64, 48, 128)));

    assertThat(metrics.brightness()).isCloseTo(128, within(0.01));
    assertThat(metrics.contrast()).isZero();
    assertThat(metrics.sharpness()).isZero();
    var verdict = metrics.judge(QualityThresholds.DEFAULTS);
    assertThat(verdict.blurry()).isTrue();
    assertThat(verdict.overExposed()).isFalse();
    assertThat(verdict.underExposed()).isFalse();
    assertThat(verdict.passed()).isFalse();
  }

  @Test
  void shouldComputeTheLaplacianVarianceOfACheckerboard() {
    // Alternating 0/255: every interior Laplacian is ±4·255, so the variance is (4·255)².
    int w = 10;
    int h = 8;
    int[] luma = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        luma[y * w + x] = (x + y) % 2 == 0 ? 0 : 255;
      }
    }
    var metrics = QualityMetrics.of(new LumaImage(w, h, luma));

    assertThat(metrics.brightness()).isCloseTo(127.5, within(0.01));
    assertThat(metrics.contrast()).isCloseTo(127.5, within(0.01));
    assertThat(metrics.sharpness()).isCloseTo(4.0 * 255 * 4 * 255, within(0.5));
  }

  @Test
  void shouldPassASharpWellExposedPhoto() {
    var verdict = QualityMetrics.of(LumaDecoder.luma(TestImages.photo(320, 240, 1))).judge(QualityThresholds.DEFAULTS);

    assertThat(verdict.passed()).isTrue();
  }

  @Test
  void shouldFlagOverAndUnderExposure() {
    assertThat(QualityMetrics.of(LumaDecoder.luma(TestImages.flat(32, 32, 252))).judge(QualityThresholds.DEFAULTS)
        .overExposed()).isTrue();
    assertThat(QualityMetrics.of(LumaDecoder.luma(TestImages.flat(32, 32, 3))).judge(QualityThresholds.DEFAULTS)
        .underExposed()).isTrue();
  }
}
