package io.strata.trainer.builtin;

import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import io.strata.trainer.builtin.images.DecodedImage;
import io.strata.trainer.builtin.profile.ImageFeatures;
import io.strata.trainer.builtin.training.LabelledTensors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A version's decoded images by split, the classes (the sorted distinct classes of the TRAIN split) and what was
 * left out. An item's class is its image-level {@code classLabel}, or else the class of its largest box; items with
 * neither are unlabelled and left out, as are items whose split is UNKNOWN.
 */
final class PreparedData {

  /** One decoded, labelled image. */
  record Example(String sampleId, String classLabel, Split split, DecodedImage image) {}

  private final List<Example> examples = new ArrayList<>();
  private int unlabelled;
  private int unknownSplit;
  private int undecodable;

  /** The class an item is trained as, if any. */
  static Optional<String> classOf(DatasetVersionItem item) {
    if (item.getClassLabel() != null && !item.getClassLabel().isBlank()) {
      return Optional.of(item.getClassLabel());
    }
    return item.getBoxes().stream()
        .max(Comparator.comparingDouble(b -> (b.getXMax() - b.getXMin()) * (b.getYMax() - b.getYMin())))
        .map(b -> b.getClassLabel());
  }

  void add(Example example) {
    examples.add(example);
  }

  void countUnlabelled() {
    unlabelled++;
  }

  void countUnknownSplit() {
    unknownSplit++;
  }

  void countUndecodable() {
    undecodable++;
  }

  int unlabelled() {
    return unlabelled;
  }

  int unknownSplit() {
    return unknownSplit;
  }

  int undecodable() {
    return undecodable;
  }

  List<Example> split(Split split) {
    return examples.stream().filter(e -> e.split() == split).toList();
  }

  /** The TRAIN split's classes, sorted. */
  List<String> classes() {
    return List.copyOf(new TreeSet<>(split(Split.TRAIN).stream().map(Example::classLabel).toList()));
  }

  /** The features of the TRAIN images. */
  List<ImageFeatures> trainFeatures() {
    return split(Split.TRAIN).stream().map(e -> e.image().features()).toList();
  }

  /** The tensors of {@code split}, labelled by index into {@code classes} (-1 for a class not in it). */
  LabelledTensors tensors(Split split, List<String> classes, int size) {
    List<Example> chosen = split(split);
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
    int[] labels = new int[chosen.size()];
    List<float[]> pixels = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      labels[i] = index.getOrDefault(chosen.get(i).classLabel(), -1);
      pixels.add(chosen.get(i).image().pixels());
    }
    return new LabelledTensors(pixels, labels, size);
  }
}
