package io.strata.trainer.builtin.profile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Builds a {@link ReferenceProfile} with fixed bin edges, 10 bins per feature, so that profiles of different
 * model versions and the histograms serving computes line up bin for bin without carrying quantiles around:
 *
 * <ul>
 *   <li>{@code brightness}: 0, 25.5, ..., 255 (equal width over the whole luma range);
 *   <li>{@code contrast}: 0, 12.75, ..., 127.5 (the largest possible standard deviation of values in 0..255);
 *   <li>{@code width} and {@code height}: 0, 32, 64, 128, 256, 384, 512, 768, 1024, 2048, 4096 pixels (roughly
 *       logarithmic; anything larger counts in the last bin).
 * </ul>
 */
public final class ReferenceProfiles {

  private static final Map<String, double[]> EDGES = Map.of(
      "brightness", equalWidth(255),
      "contrast", equalWidth(127.5),
      "width", sizeEdges(),
      "height", sizeEdges());

  private ReferenceProfiles() {}

  /** The 11 fixed edges of feature {@code name} (a copy). */
  public static double[] edges(String name) {
    double[] edges = EDGES.get(name);
    if (edges == null) {
      throw new IllegalArgumentException("Unknown image feature '" + name + "': the features are "
          + ImageFeatures.NAMES);
    }
    return edges.clone();
  }

  /**
   * The profile of {@code images} with the class distribution of {@code classLabels} (one per image, or any other
   * collection of labels the model was trained on).
   *
   * @throws IllegalArgumentException when there are no images or no labels
   */
  public static ReferenceProfile build(Collection<ImageFeatures> images, Collection<String> classLabels) {
    if (images.isEmpty() || classLabels.isEmpty()) {
      throw new IllegalArgumentException("A reference profile needs at least one image and one label, got "
          + images.size() + " images and " + classLabels.size() + " labels");
    }
    List<FeatureHistogram> features = ImageFeatures.NAMES.stream()
        .map(name -> histogram(name, images))
        .toList();
    var counts = new TreeMap<String, Integer>();
    classLabels.forEach(label -> counts.merge(label, 1, Integer::sum));
    var shares = new TreeMap<String, Double>();
    counts.forEach((label, count) -> shares.put(label, count / (double) classLabels.size()));
    return new ReferenceProfile(features, shares);
  }

  /** The histogram of feature {@code name} over {@code images} with the fixed edges. */
  public static FeatureHistogram histogram(String name, Collection<ImageFeatures> images) {
    double[] edges = edges(name);
    double[] fractions = new double[edges.length - 1];
    for (ImageFeatures image : images) {
      fractions[FeatureHistogram.binOf(edges, image.value(name))]++;
    }
    for (int i = 0; i < fractions.length; i++) {
      fractions[i] /= images.size();
    }
    return new FeatureHistogram(name, edges, fractions);
  }

  private static double[] equalWidth(double max) {
    return IntStream.rangeClosed(0, 10).mapToDouble(i -> max * i / 10).toArray();
  }

  private static double[] sizeEdges() {
    return new double[] {0, 32, 64, 128, 256, 384, 512, 768, 1024, 2048, 4096};
  }
}
