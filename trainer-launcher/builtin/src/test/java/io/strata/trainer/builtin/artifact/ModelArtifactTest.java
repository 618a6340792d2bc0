package io.strata.trainer.builtin.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.trainer.builtin.Hyperparameters;
import io.strata.trainer.builtin.profile.ImageFeatures;
import io.strata.trainer.builtin.profile.ReferenceProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {

  @TempDir
  Path dir;

  @Test
  void shouldWriteModelJsonInTheContractFormatAndTheParameters() throws IOException {
    Path parameters = Files.write(dir.resolve("strata-classifier-0000.params"), new byte[] {1, 2, 3});

    Path zip = ModelArtifact.write(dir.resolve("out/artifact.zip"), description(), parameters);

    try (var file = new ZipFile(zip.toFile())) {
      assertThat(file.stream().map(e -> e.getName())).containsExactly("model.json", "strata-classifier-0000.params");
      assertThat(file.getInputStream(file.getEntry("strata-classifier-0000.params")).readAllBytes())
          .containsExactly(1, 2, 3);
      JsonNode json = new ObjectMapper().readTree(file.getInputStream(file.getEntry("model.json")));
      assertThat(json.get("format").asText()).isEqualTo("strata-model/1");
      assertThat(json.get("framework").asText()).isEqualTo("djl-pytorch-2.7.1");
      assertThat(json.get("architecture").asText()).isEqualTo("cnn");
      assertThat(json.get("imageSize").asInt()).isEqualTo(32);
      assertThat(json.get("classes").toString()).isEqualTo("[\"circle\",\"square\"]");
      assertThat(json.get("metrics").get("test_accuracy").asDouble()).isEqualTo(0.9);
      assertThat(json.get("metrics").has("val_accuracy")).as("NaN metrics are left out").isFalse();
      assertThat(json.get("datasetId").asText()).isEqualTo("ds-1");
      assertThat(json.get("datasetVersion").asInt()).isEqualTo(4);
      assertThat(json.get("jobId").asText()).isEqualTo("job-9");
      assertThat(json.get("parameters").asText()).isEqualTo("strata-classifier-0000.params");
      assertThat(json.get("device").asText()).isEqualTo("cpu()");
      JsonNode profile = json.get("referenceProfile");
      assertThat(profile.get("features")).hasSize(4);
      assertThat(profile.get("features").get(0).get("name").asText()).isEqualTo("brightness");
      assertThat(profile.get("features").get(0).get("binEdges")).hasSize(11);
      assertThat(profile.get("features").get(0).get("binFractions")).hasSize(10);
      assertThat(profile.get("classDistribution").get("circle").asDouble()).isEqualTo(0.5);
      assertThat(json.get("hyperparameters").get("learning-rate").asDouble()).isEqualTo(0.001);
    }
  }

  @Test
  void shouldWriteTheSameBytesForTheSameModel() throws IOException {
    Path parameters = Files.write(dir.resolve("p.params"), new byte[] {9, 8});

    byte[] first = Files.readAllBytes(ModelArtifact.write(dir.resolve("a.zip"), description(), parameters));
    byte[] second = Files.readAllBytes(ModelArtifact.write(dir.resolve("b.zip"), description(), parameters));

    assertThat(second).isEqualTo(first);
  }

  private static ModelDescription description() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("test_accuracy", 0.9);
    metrics.put("val_accuracy", Double.NaN);
    var profile = ReferenceProfiles.build(List.of(new ImageFeatures(100, 20, 96, 96),
        new ImageFeatures(120, 30, 96, 96)), List.of("circle", "square"));
    return new ModelDescription("cnn", List.of("circle", "square"), metrics, "ds-1", 4, "job-9",
        "strata-classifier-0000.params", profile, "cpu()", Hyperparameters.defaults());
  }
}
