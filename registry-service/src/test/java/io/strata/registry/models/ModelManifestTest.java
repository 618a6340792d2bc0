package io.strata.registry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelManifestTest {

  private static ModelManifest parse(String json) {
    return ModelManifest.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadClassesMetricsAndTheReferenceProfile() {
    var manifest = parse("{\"format\":\"strata-model/1\",\"framework\":\"djl-pytorch-2.7.1\",\"classes\":[\"a\",\"b\"],"
        + "\"metrics\":{\"accuracy\":0.9},\"referenceProfile\":{\"features\":[{\"name\":\"width\",\"binEdges\":[0,1,2],"
        + "\"binFractions\":[0.25,0.75]}],\"classDistribution\":{\"a\":0.4,\"b\":0.6}}}");
    assertThat(manifest.classes()).containsExactly("a", "b");
    assertThat(manifest.metrics()).containsEntry("accuracy", 0.9);
    assertThat(manifest.referenceProfile().getFeatures().get(0).getBinFractions()).containsExactly(0.25, 0.75);
    assertThat(manifest.referenceProfile().getClassDistribution()).containsEntry("b", 0.6);
  }

  @Test
  void shouldRefuseAnotherFormatOrABrokenProfile() {
    assertThatThrownBy(() -> parse("{\"format\":\"onnx\"}")).hasMessageContaining("strata-model/1");
    assertThatThrownBy(() -> parse("{\"format\":\"strata-model/1\",\"framework\":\"f\",\"classes\":[],"
        + "\"referenceProfile\":{\"features\":[{\"name\":\"w\",\"binEdges\":[0,1],\"binFractions\":[0.5,0.5]}]}}"))
        .hasMessageContaining("bin edges");
    assertThatThrownBy(() -> parse("[")).hasMessageContaining("not valid JSON");
  }
}
