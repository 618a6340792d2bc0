package io.strata.trainer.builtin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a training run may be tuned with ({@code --<name>=<value>} on the command line, or a dataset's training
 * policy): {@code epochs} (default 10), {@code image-size} (32: images are resized to a square of this side),
 * {@code batch-size} (32), {@code learning-rate} (0.001, Adam), {@code seed} (42) and {@code architecture}
 * ({@code cnn}, or {@code mlp}).
 *
 * @param epochs passes over the training split, 1..1000
 * @param imageSize side of the square input in pixels, 8..512
 * @param batchSize images per optimizer step, 1..4096
 * @param learningRate Adam's learning rate, in (0, 10]
 * @param seed seed of weight initialisation and shuffling
 * @param architecture {@code cnn} or {@code mlp}
 */
public record Hyperparameters(int epochs, int imageSize, int batchSize, double learningRate, int seed,
    String architecture) {

  /** The names accepted, in the order error messages list them. */
  public static final List<String> NAMES = List.of("architecture", "batch-size", "epochs", "image-size",
      "learning-rate", "seed");

  /** The architectures {@link io.strata.trainer.builtin.training.ClassifierNetworks} builds. */
  public static final List<String> ARCHITECTURES = List.of("cnn", "mlp");

  public Hyperparameters {
    check("epochs", epochs, 1, 1000);
    check("image-size", imageSize, 8, 512);
    check("batch-size", batchSize, 1, 4096);
    if (!(learningRate > 0 && learningRate <= 10)) {
      throw new IllegalArgumentException("Hyperparameter 'learning-rate' must be in (0, 10], got " + learningRate);
    }
    if (!ARCHITECTURES.contains(architecture)) {
      throw new IllegalArgumentException("Hyperparameter 'architecture' must be one of " + ARCHITECTURES + ", got '"
          + architecture + "'");
    }
  }

  /** The defaults listed above. */
  public static Hyperparameters defaults() {
    return new Hyperparameters(10, 32, 32, 0.001, 42, "cnn");
  }

  /**
   * The defaults overridden by {@code values} (name to text).
   *
   * @throws IllegalArgumentException naming the known hyperparameters when a name is unknown, or the accepted
   *     range when a value is invalid
   */
  public static Hyperparameters of(Map<String, String> values) {
    for (String name : values.keySet()) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("Unknown hyperparameter '" + name + "': the built-in trainer knows "
            + String.join(", ", NAMES));
      }
    }
    Hyperparameters d = defaults();
    return new Hyperparameters(
        integer(values, "epochs", d.epochs()),
        integer(values, "image-size", d.imageSize()),
        integer(values, "batch-size", d.batchSize()),
        decimal(values, "learning-rate", d.learningRate()),
        integer(values, "seed", d.seed()),
        values.getOrDefault("architecture", d.architecture()));
  }

  /** Name to value, as {@code model.json} records them. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("architecture", architecture);
    json.put("batch-size", batchSize);
    json.put("epochs", epochs);
    json.put("image-size", imageSize);
    json.put("learning-rate", learningRate);
    json.put("seed", seed);
    return json;
  }

  private static int integer(Map<String, String> values, String name, int fallback) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Hyperparameter '" + name + "' must be a whole number, got '" + text + "'");
    }
  }

  private static double decimal(Map<String, String> values, String name, double fallback) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Hyperparameter '" + name + "' must be a number, got '" + text + "'");
    }
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("Hyperparameter '" + name + "' must be in " + min + ".." + max + ", got "
          + value);
    }
  }
}
