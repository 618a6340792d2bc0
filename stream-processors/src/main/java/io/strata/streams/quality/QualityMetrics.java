package io.strata.streams.quality;

/**
 * The measurable part of a quality review, a pure function of the pixels: brightness (mean luma), contrast
 * (standard deviation of luma), sharpness (variance of the 4-neighbour Laplacian of luma), the fractions of
 * clipped pixels, and the perceptual hash.
 */
record QualityMetrics(double brightness, double contrast, double sharpness, double clippedWhite,
    double clippedBlack, long perceptualHash) {

  static QualityMetrics of(LumaImage image) {
    int[] luma = image.luma();
    long sum = 0;
    long sumOfSquares = 0;
    int white = 0;
    int black = 0;
    for (int value : luma) {
      sum += value;
      sumOfSquares += (long) value * value;
      if (value >= 250) {
        white++;
      } else if (value <= 5) {
        black++;
      }
    }
    double n = luma.length;
    double mean = sum / n;
    double variance = Math.max(0, sumOfSquares / n - mean * mean);
    return new QualityMetrics(mean, Math.sqrt(variance), laplacianVariance(image), white / n, black / n,
        PerceptualHash.of(image));
  }

  /** The variance of {@code 4·p - (up + down + left + right)} over interior pixels; 0 for images too small. */
  private static double laplacianVariance(LumaImage image) {
    int w = image.width();
    int h = image.height();
    if (w < 3 || h < 3) {
      return 0;
    }
    int[] luma = image.luma();
    double sum = 0;
    double sumOfSquares = 0;
    for (int y = 1; y < h - 1; y++) {
      int row = y * w;
      for (int x = 1; x < w - 1; x++) {
        int i = row + x;
        int laplacian = luma[i - w] + luma[i + w] + luma[i - 1] + luma[i + 1] - 4 * luma[i];
        sum += laplacian;
        sumOfSquares += (double) laplacian * laplacian;
      }
    }
    double n = (double) (w - 2) * (h - 2);
    double mean = sum / n;
    return Math.max(0, sumOfSquares / n - mean * mean);
  }

  /** The verdict under {@code thresholds}; {@code nearDuplicateOf} is decided elsewhere, against earlier samples. */
  Verdict judge(QualityThresholds thresholds) {
    boolean blurry = sharpness < thresholds.minSharpness();
    boolean over = brightness > thresholds.maxMeanBrightness() || clippedWhite > thresholds.maxClippedFraction();
    boolean under = brightness < thresholds.minMeanBrightness() || clippedBlack > thresholds.maxClippedFraction();
    return new Verdict(blurry, over, under);
  }

  /** The flags a review raises from the pixels alone. */
  record Verdict(boolean blurry, boolean overExposed, boolean underExposed) {

    boolean passed() {
      return !blurry && !overExposed && !underExposed;
    }
  }
}
