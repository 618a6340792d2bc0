package io.strata.streams.quality;

/**
 * When a sample fails review.
 *
 * @param minSharpness below this variance of the Laplacian the image is blurry
 * @param maxMeanBrightness above this mean luma the image is over-exposed
 * @param minMeanBrightness below this mean luma the image is under-exposed
 * @param maxClippedFraction the image is over- (under-) exposed when more than this fraction of pixels is
 *     clipped white, luma >= 250 (black, luma <= 5)
 * @param maxNearDuplicateDistance the largest Hamming distance between two perceptual hashes that still makes
 *     them near-duplicates, at most {@link PerceptualHash#MAX_INDEXED_DISTANCE}
 */
public record QualityThresholds(double minSharpness, double maxMeanBrightness, double minMeanBrightness,
    double maxClippedFraction, int maxNearDuplicateDistance) {

  /** Thresholds that suit photographs: a Laplacian variance of 100 is the usual blur cut-off. */
  public static final QualityThresholds DEFAULTS = new QualityThresholds(100.0, 215.0, 40.0, 0.25, 4);

  public QualityThresholds {
    if (maxNearDuplicateDistance < 0 || maxNearDuplicateDistance > PerceptualHash.MAX_INDEXED_DISTANCE) {
      throw new IllegalArgumentException("maxNearDuplicateDistance must be in 0.."
          + PerceptualHash.MAX_INDEXED_DISTANCE + ", got " + maxNearDuplicateDistance);
    }
  }
}
