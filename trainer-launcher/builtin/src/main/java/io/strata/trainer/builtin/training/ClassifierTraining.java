package io.strata.trainer.builtin.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.strata.trainer.builtin.Hyperparameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * One classifier being trained: the DJL model and trainer on the chosen device. Call {@link #epoch} as often as the
 * hyperparameters say, then {@link #accuracy} on held-out images and {@link #saveParameters}. Deterministic for a
 * seed as far as PyTorch is (weights from the engine's seeded generator, shuffling from {@code seed + epoch}).
 */
public final class ClassifierTraining implements AutoCloseable {

  /** The name of the saved parameters: {@code <MODEL_NAME>-0000.params}. */
  public static final String MODEL_NAME = "strata-classifier";

  private final Hyperparameters hyperparameters;
  private final Device device;
  private final Model model;
  private final Trainer trainer;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();
  private final int classes;

  private ClassifierTraining(Hyperparameters hyperparameters, int classes, Device device) {
    this.hyperparameters = hyperparameters;
    this.classes = classes;
    this.device = device;
    this.model = Model.newInstance(MODEL_NAME, device, "PyTorch");
    model.setBlock(ClassifierNetworks.build(hyperparameters.architecture(), classes));
    var config = new DefaultTrainingConfig(loss)
        .optDevices(new Device[] {device})
        .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
        .optOptimizer(Optimizer.adam()
            .optLearningRateTracker(Tracker.fixed((float) hyperparameters.learningRate()))
            .build());
    this.trainer = model.newTrainer(config);
    int size = hyperparameters.imageSize();
    trainer.initialize(new Shape(hyperparameters.batchSize(), 3, size, size));
  }

  /**
   * A fresh classifier for {@code classes} classes on the first GPU the PyTorch engine sees, else the CPU. Call
   * only after {@code ai.djl.offline} and the cache directory are set ({@link DjlEnvironment}).
   */
  public static ClassifierTraining start(Hyperparameters hyperparameters, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("A classifier needs at least 2 classes, got " + classes);
    }
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed(hyperparameters.seed());
    Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    return new ClassifierTraining(hyperparameters, classes, device);
  }

  /** The device training runs on, e.g. {@code cpu()} or {@code gpu(0)}. */
  public Device device() {
    return device;
  }

  /** True when training runs on a GPU. */
  public boolean onGpu() {
    return device.isGpu();
  }

  /** One pass over {@code train} in an order shuffled from the seed and the epoch, then validation accuracy. */
  public EpochResult epoch(int epoch, LabelledTensors train, LabelledTensors validation) {
    int[] order = shuffled(train.count(), new Random((long) hyperparameters.seed() * 7919 + epoch));
    int batchSize = hyperparameters.batchSize();
    double lossSum = 0;
    int correct = 0;
    long started = System.nanoTime();
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDArray x = images(batch, train, order, from, to);
        NDArray y = batch.create(labels(train, order, from, to));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDList predictions = trainer.forward(new NDList(x));
          NDArray value = loss.evaluate(new NDList(y), predictions);
          collector.backward(value);
          lossSum += value.getFloat() * (to - from);
          correct += correct(predictions.singletonOrThrow(), train, order, from, to);
        }
        trainer.step();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double validationAccuracy = validation.count() == 0 ? Double.NaN : accuracy(validation);
    return new EpochResult(epoch, lossSum / order.length, correct / (double) order.length, validationAccuracy,
        order.length / Math.max(seconds, 1e-9));
  }

  /** Share of {@code set} classified right (inference mode); NaN when the set is empty. */
  public double accuracy(LabelledTensors set) {
    if (set.count() == 0) {
      return Double.NaN;
    }
    int[] order = new int[set.count()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int correct = 0;
    int batchSize = Math.max(hyperparameters.batchSize(), 256);
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDList predictions = trainer.evaluate(new NDList(images(batch, set, order, from, to)));
        correct += correct(predictions.singletonOrThrow(), set, order, from, to);
      }
    }
    return correct / (double) order.length;
  }

  /** Saves the trained parameters into {@code directory}; returns the file ({@code strata-classifier-0000.params}). */
  public Path saveParameters(Path directory) throws IOException {
    Files.createDirectories(directory);
    model.save(directory, MODEL_NAME);
    Path file = directory.resolve(MODEL_NAME + "-0000.params");
    if (!Files.isRegularFile(file)) {
      throw new IOException("DJL did not write the expected parameter file " + file);
    }
    return file;
  }

  private NDArray images(NDManager manager, LabelledTensors set, int[] order, int from, int to) {
    int size = set.size();
    int perImage = 3 * size * size;
    float[] flat = new float[(to - from) * perImage];
    for (int i = from; i < to; i++) {
      System.arraycopy(set.pixels().get(order[i]), 0, flat, (i - from) * perImage, perImage);
    }
    return manager.create(flat, new Shape(to - from, 3, size, size));
  }

  private static float[] labels(LabelledTensors set, int[] order, int from, int to) {
    float[] labels = new float[to - from];
    for (int i = from; i < to; i++) {
      labels[i - from] = set.label(order[i]);
    }
    return labels;
  }

  private int correct(NDArray logits, LabelledTensors set, int[] order, int from, int to) {
    float[] scores = logits.toFloatArray();
    int correct = 0;
    for (int i = from; i < to; i++) {
      int row = (i - from) * classes;
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (scores[row + c] > scores[row + best]) {
          best = c;
        }
      }
      if (best == set.label(order[i])) {
        correct++;
      }
    }
    return correct;
  }

  private static int[] shuffled(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
