package io.strata.trainer.builtin.training;

import java.util.List;

/**
 * Images ready for the network and their class indexes.
 *
 * @param pixels one channel-first tensor per image, all of {@code 3 * size * size} floats
 * @param labels class index per image (index into the model's class list), or -1 for a class the model does not
 *     know (such an image always counts as misclassified)
 * @param size the side of the square images
 */
public record LabelledTensors(List<float[]> pixels, int[] labels, int size) {

  public LabelledTensors {
    pixels = List.copyOf(pixels);
    if (pixels.size() != labels.length) {
      throw new IllegalArgumentException(pixels.size() + " images but " + labels.length + " labels");
    }
    labels = labels.clone();
  }

  /** Number of images. */
  public int count() {
    return labels.length;
  }

  /** The class index of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }
}
