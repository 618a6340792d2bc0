package io.strata.benchmarks.trainer;

import io.strata.benchmarks.BenchmarkReport;
import io.strata.trainer.builtin.Hyperparameters;
import io.strata.trainer.builtin.images.DecodedImage;
import io.strata.trainer.builtin.samples.ShapeImages;
import io.strata.trainer.builtin.training.ClassifierTraining;
import io.strata.trainer.builtin.training.DjlEnvironment;
import io.strata.trainer.builtin.training.EpochResult;
import io.strata.trainer.builtin.training.LabelledTensors;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in trainer on the generated demo data (circles, squares, triangles; 96x96 PNG): its input pipeline
 * (decode, profile features, resize to 32x32, standardise) next to the baseline of a plain {@code ImageIO.read} and
 * bilinear resize of the same images, then training images/s per epoch on the CPU (DJL, PyTorch engine, in this
 * JVM) and the accuracy reached on held-out images, for the default CNN and the MLP.
 *
 * <p>Arguments (optional): images (default 1500; every fifth is held out), epochs (default 10), PyTorch intra-op
 * threads (default 1, or {@code default} for PyTorch's own choice: one per core). On a small machine shared with
 * other processes PyTorch's spinning OpenMP threads slow training several-fold, hence 1 by default.
 */
public final class TrainerBenchmark {

  private static final Logger log = LoggerFactory.getLogger(TrainerBenchmark.class);
  private static final LabelledTensors NONE = new LabelledTensors(List.of(), new int[0], 32);
  private static volatile long sink;

  private TrainerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String threads = args.length > 2 ? args[2] : "1";
    if (!threads.equals("default")) {
      System.setProperty("ai.djl.pytorch.num_threads", threads);
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    DjlEnvironment.prepare(Path.of("benchmarks", "target", "djl-cache").toAbsolutePath());
    var shapes = new ShapeImages(2024, 96);
    List<byte[]> pngs = new ArrayList<>();
    int[] labels = new int[images];
    for (int i = 0; i < images; i++) {
      ShapeImages.Shape shape = shapes.draw(i);
      pngs.add(ShapeImages.encode(shape.image(), "png"));
      labels[i] = ShapeImages.CLASSES.indexOf(shape.classLabel());
    }
    Hyperparameters defaults = Hyperparameters.defaults();
    int size = defaults.imageSize();
    baseline(pngs, size);
    strataDecode(pngs, size);
    double baselineSeconds = median(3, () -> baseline(pngs, size));
    double decodeSeconds = median(3, () -> strataDecode(pngs, size));

    List<float[]> trainPixels = new ArrayList<>();
    List<float[]> testPixels = new ArrayList<>();
    List<Integer> trainLabels = new ArrayList<>();
    List<Integer> testLabels = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      float[] pixels = DecodedImage.decode(pngs.get(i), size).orElseThrow().pixels();
      (i % 5 == 4 ? testPixels : trainPixels).add(pixels);
      (i % 5 == 4 ? testLabels : trainLabels).add(labels[i]);
    }
    var train = new LabelledTensors(trainPixels, trainLabels.stream().mapToInt(Integer::intValue).toArray(), size);
    var test = new LabelledTensors(testPixels, testLabels.stream().mapToInt(Integer::intValue).toArray(), size);
    var rows = new StringBuilder();
    for (String architecture : Hyperparameters.ARCHITECTURES) {
      var hyper = new Hyperparameters(epochs, size, defaults.batchSize(), defaults.learningRate(), defaults.seed(),
          architecture);
      rows.append(train(hyper, train, test));
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String table = String.format(Locale.ROOT, """
        Generated demo images (`ShapeImages`, seed 2024): %d PNGs of 96x96 pixels, 3 balanced classes, %d for
        training and %d held out (every fifth). CPU only (DJL %s, PyTorch engine, this JVM, PyTorch intra-op threads:
        %s), default hyperparameters (image-size %d, batch-size %d, learning-rate %s, seed %d), %d epochs.

        | Input pipeline (decode + resize to %dx%d) | images/s |
        |---|---:|
        | Baseline: `ImageIO.read` + bilinear resize | %.0f |
        | Strata: `DecodedImage.decode` (+ profile features, standardisation) | %.0f |

        | Training | train images/s (median epoch) | first epoch images/s | test accuracy | train loss first → last | seconds (all epochs) |
        |---|---:|---:|---:|---|---:|
        %s
        The issue sets no numeric target for the built-in trainer; it asks for CPU images/s and the accuracy reached on
        the demo data (chance is 0.33). Machine: %d cores, shared with other builds during the run: system load average
        (1 min) %.1f before and %.1f after, so absolute numbers are pessimistic; compare rows of the same run.
        """, images, train.count(), test.count(), ai.djl.engine.Engine.getDjlVersion(), threads, size, defaults.batchSize(),
        defaults.learningRate(), defaults.seed(), epochs, size, size, images / baselineSeconds,
        images / decodeSeconds, rows, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
    log.info("Results (sink {}):\n{}", sink, table);
    BenchmarkReport.atRepositoryRoot().writeSection("Built-in trainer", table);
  }

  private static String train(Hyperparameters hyper, LabelledTensors train, LabelledTensors test) {
    try (ClassifierTraining training = ClassifierTraining.start(hyper, 3)) {
      double[] rates = new double[hyper.epochs()];
      double firstLoss = 0;
      double lastLoss = 0;
      long started = System.nanoTime();
      for (int epoch = 1; epoch <= hyper.epochs(); epoch++) {
        EpochResult result = training.epoch(epoch, train, NONE);
        rates[epoch - 1] = result.imagesPerSecond();
        firstLoss = epoch == 1 ? result.loss() : firstLoss;
        lastLoss = result.loss();
        log.info("{} {}", hyper.architecture(), result);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double accuracy = training.accuracy(test);
      return String.format(Locale.ROOT, "| `%s` on %s | %.0f | %.0f | %.3f | %.3f → %.3f | %.1f |%n",
          hyper.architecture(), training.device(), median(rates), rates[0], accuracy, firstLoss, lastLoss, seconds);
    }
  }

  /** Seconds to decode and resize every image with ImageIO and Java2D only. */
  private static double baseline(List<byte[]> pngs, int size) {
    long start = System.nanoTime();
    for (byte[] png : pngs) {
      try {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        var resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        sink += resized.getRGB(size / 2, size / 2);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds for the trainer's own input pipeline over the same images. */
  private static double strataDecode(List<byte[]> pngs, int size) {
    long start = System.nanoTime();
    for (byte[] png : pngs) {
      sink += (long) DecodedImage.decode(png, size).orElseThrow().pixels()[0];
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(int runs, java.util.function.DoubleSupplier measure) {
    double[] values = new double[runs];
    for (int i = 0; i < runs; i++) {
      values[i] = measure.getAsDouble();
    }
    return median(values);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
