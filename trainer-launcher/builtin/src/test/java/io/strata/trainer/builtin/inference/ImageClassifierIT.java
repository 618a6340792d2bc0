package io.strata.trainer.builtin.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strata.trainer.builtin.Hyperparameters;
import io.strata.trainer.builtin.artifact.ModelArtifact;
import io.strata.trainer.builtin.artifact.ModelDescription;
import io.strata.trainer.builtin.images.PixelTensor;
import io.strata.trainer.builtin.profile.ImageFeatures;
import io.strata.trainer.builtin.profile.ReferenceProfiles;
import io.strata.trainer.builtin.samples.ShapeImages;
import io.strata.trainer.builtin.training.ClassifierTraining;
import io.strata.trainer.builtin.training.DjlEnvironment;
import io.strata.trainer.builtin.training.LabelledTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained in this JVM, written as the trainer writes it, loaded back and asked about images it never saw. */
class ImageClassifierIT {

  @TempDir
  Path dir;

  @BeforeAll
  static void djl() throws Exception {
    DjlEnvironment.prepare(Path.of("target", "djl-cache").toAbsolutePath());
  }

  @Test
  void shouldClassifyImagesWithTheTrainedParameters() throws Exception {
    var hyperparameters = new Hyperparameters(12, 32, 16, 0.003, 7, "cnn");
    var shapes = new ShapeImages(11, 64);
    Path artifact;
    double trainedAccuracy;
    try (var training = ClassifierTraining.start(hyperparameters, ShapeImages.CLASSES.size())) {
      LabelledTensors train = tensors(shapes, 0, 400);
      LabelledTensors validation = tensors(shapes, 400, 440);
      for (int epoch = 1; epoch <= hyperparameters.epochs(); epoch++) {
        training.epoch(epoch, train, validation);
      }
      trainedAccuracy = training.accuracy(validation);
      Path parameters = training.saveParameters(dir.resolve("model"));
      var profile = ReferenceProfiles.build(List.of(new ImageFeatures(100, 20, 64, 64),
          new ImageFeatures(120, 30, 64, 64)), ShapeImages.CLASSES);
      artifact = ModelArtifact.write(dir.resolve("artifact.zip"), new ModelDescription("cnn", ShapeImages.CLASSES,
          Map.of(), "ds", 1, "job", ClassifierTraining.MODEL_NAME + "-0000.params", profile, "cpu()",
          hyperparameters), parameters);
    }

    try (var classifier = ImageClassifier.load(artifact, dir.resolve("served"), 2)) {
      assertThat(classifier.classes()).isEqualTo(ShapeImages.CLASSES);
      int correct = 0;
      int count = 40;
      for (int i = 400; i < 400 + count; i++) {
        var shape = shapes.draw(i);
        Classification answer = classifier.classify(shape.image());
        assertThat(answer.classScores().keySet()).containsExactlyInAnyOrderElementsOf(ShapeImages.CLASSES);
        assertThat(answer.classScores().values().stream().mapToDouble(Double::doubleValue).sum())
            .isCloseTo(1.0, within(1e-4));
        assertThat(answer.confidence()).isEqualTo(answer.classScores().get(answer.predictedClass()));
        if (answer.predictedClass().equals(shape.classLabel())) {
          correct++;
        }
      }
      // The served network is the trained one: on the validation images it is right exactly as often.
      assertThat(correct / (double) count).isCloseTo(trainedAccuracy, within(1.0 / count));
      assertThat(trainedAccuracy).as("accuracy after training, against 1/3 for guessing").isGreaterThan(0.6);
    }
  }

  @Test
  void shouldRefuseAnArtifactThatIsNotABuiltInModel() throws Exception {
    Path zip = dir.resolve("other.zip");
    try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("model.json"));
      out.write("{\"format\":\"onnx\"}".getBytes());
      out.closeEntry();
    }

    assertThatThrownBy(() -> ImageClassifier.load(zip, dir.resolve("x"), 1))
        .isInstanceOf(UnservableModelException.class).hasMessageContaining("strata-model/1");
  }

  private static LabelledTensors tensors(ShapeImages shapes, int from, int to) {
    List<float[]> pixels = new ArrayList<>();
    int[] labels = new int[to - from];
    for (int i = from; i < to; i++) {
      var shape = shapes.draw(i);
      pixels.add(PixelTensor.of(shape.image(), 32));
      labels[i - from] = ShapeImages.CLASSES.indexOf(shape.classLabel());
    }
    return new LabelledTensors(pixels, labels, 32);
  }
}
