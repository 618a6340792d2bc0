package io.strata.trainer.builtin.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.trainer.builtin.artifact.ModelArtifact;
import io.strata.trainer.builtin.artifact.ModelDescription;
import io.strata.trainer.builtin.images.PixelTensor;
import io.strata.trainer.builtin.training.ClassifierNetworks;
import io.strata.trainer.builtin.training.ClassifierTraining;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A built-in trainer's model ready to classify: the artifact zip's {@code model.json} says the architecture, the
 * input size and the classes; the parameters are loaded into {@link ClassifierNetworks#build} and the image is
 * prepared exactly as in training ({@link PixelTensor}). Thread-safe: each call borrows one of a few predictors
 * (DJL predictors are not shared between threads). Call only after {@code ai.djl.offline} and the cache directory
 * are set ({@link io.strata.trainer.builtin.training.DjlEnvironment}).
 */
public final class ImageClassifier implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Model model;
  private final List<String> classes;
  private final int imageSize;
  private final BlockingQueue<Predictor<NDList, NDList>> predictors;
  private final List<Predictor<NDList, NDList>> all = new ArrayList<>();

  private ImageClassifier(Model model, List<String> classes, int imageSize, int concurrency) {
    this.model = model;
    this.classes = List.copyOf(classes);
    this.imageSize = imageSize;
    this.predictors = new ArrayBlockingQueue<>(concurrency);
    for (int i = 0; i < concurrency; i++) {
      Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
      all.add(predictor);
      predictors.add(predictor);
    }
  }

  /**
   * Loads the artifact zip at {@code artifact}, unpacking it under {@code workDirectory}.
   *
   * @param concurrency how many images may be classified at once
   * @throws UnservableModelException when the artifact is not a built-in trainer's model this code can load
   */
  public static ImageClassifier load(Path artifact, Path workDirectory, int concurrency) throws IOException {
    Files.createDirectories(workDirectory);
    Path description = null;
    try (InputStream file = Files.newInputStream(artifact); var zip = new ZipInputStream(file)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path target = workDirectory.resolve(entry.getName()).normalize();
        if (entry.isDirectory() || !target.startsWith(workDirectory) || target.equals(workDirectory)) {
          continue;
        }
        Files.copy(zip, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (entry.getName().equals(ModelArtifact.MODEL_JSON)) {
          description = target;
        }
      }
    }
    if (description == null) {
      throw new UnservableModelException("The artifact has no " + ModelArtifact.MODEL_JSON);
    }
    JsonNode json = JSON.readTree(description.toFile());
    if (!ModelDescription.FORMAT.equals(json.path("format").asText())) {
      throw new UnservableModelException("The artifact's format is '" + json.path("format").asText()
          + "', not " + ModelDescription.FORMAT + " (a built-in trainer's model)");
    }
    List<String> classes = new ArrayList<>();
    json.path("classes").forEach(c -> classes.add(c.asText()));
    int imageSize = json.path("imageSize").asInt();
    String parameters = json.path("parameters").asText();
    String expected = ClassifierTraining.MODEL_NAME + "-0000.params";
    if (classes.size() < 2 || imageSize < 1 || !parameters.equals(expected)
        || !Files.isRegularFile(workDirectory.resolve(parameters))) {
      throw new UnservableModelException("The artifact's model.json is incomplete: classes=" + classes + " imageSize="
          + imageSize + " parameters='" + parameters + "' (expected " + expected + " in the zip)");
    }
    Model model = Model.newInstance(ClassifierTraining.MODEL_NAME, Device.cpu(), "PyTorch");
    try {
      model.setBlock(ClassifierNetworks.build(json.path("architecture").asText(), classes.size()));
      model.load(workDirectory, ClassifierTraining.MODEL_NAME);
      return new ImageClassifier(model, classes, imageSize, Math.max(1, concurrency));
    } catch (MalformedModelException | IllegalArgumentException e) {
      model.close();
      throw new UnservableModelException("The artifact's parameters do not load: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The model's classes, in output order. */
  public List<String> classes() {
    return classes;
  }

  /** Classifies {@code image} (any size and colour model). */
  public Classification classify(BufferedImage image) {
    float[] tensor = PixelTensor.of(image, imageSize);
    Predictor<NDList, NDList> predictor;
    try {
      predictor = predictors.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a predictor", e);
    }
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray input = manager.create(tensor, new Shape(1, 3, imageSize, imageSize));
      float[] probabilities = predictor.predict(new NDList(input)).singletonOrThrow().softmax(-1).toFloatArray();
      Map<String, Double> scores = new LinkedHashMap<>();
      int best = 0;
      for (int i = 0; i < classes.size(); i++) {
        scores.put(classes.get(i), (double) probabilities[i]);
        if (probabilities[i] > probabilities[best]) {
          best = i;
        }
      }
      return new Classification(classes.get(best), probabilities[best], scores);
    } catch (TranslateException e) {
      throw new IllegalStateException("The model failed on an image: " + e.getMessage(), e);
    } finally {
      predictors.add(predictor);
    }
  }

  @Override
  public void close() {
    all.forEach(Predictor::close);
    model.close();
  }
}
