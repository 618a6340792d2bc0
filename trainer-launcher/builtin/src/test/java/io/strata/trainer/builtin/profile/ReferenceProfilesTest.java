package io.strata.trainer.builtin.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceProfilesTest {

  @Test
  void shouldUseElevenFixedEdgesPerFeature() {
    assertThat(ReferenceProfiles.edges("brightness")).hasSize(11).startsWith(0, 25.5).endsWith(255);
    assertThat(ReferenceProfiles.edges("contrast")).hasSize(11).startsWith(0, 12.75).endsWith(127.5);
    assertThat(ReferenceProfiles.edges("width")).hasSize(11).startsWith(0, 32).endsWith(4096);
    assertThat(ReferenceProfiles.edges("height")).isEqualTo(ReferenceProfiles.edges("width"));
  }

  @Test
  void shouldCountEachImageInTheBinItsValueFallsIn() {
    var images = List.of(new ImageFeatures(10, 5, 96, 96), new ImageFeatures(30, 5, 96, 96),
        new ImageFeatures(255, 5, 5000, 96), new ImageFeatures(250, 130, 20, 96));

    ReferenceProfile profile = ReferenceProfiles.build(images, List.of("a", "a", "b", "a"));

    FeatureHistogram brightness = profile.features().get(0);
    assertThat(brightness.name()).isEqualTo("brightness");
    assertThat(brightness.binFractions()).containsExactly(0.25, 0.25, 0, 0, 0, 0, 0, 0, 0, 0.5);
    FeatureHistogram contrast = profile.features().get(1);
    assertThat(contrast.binFractions()[0]).isEqualTo(0.75);
    assertThat(contrast.binFractions()[9]).as("above the last edge counts in the last bin").isEqualTo(0.25);
    FeatureHistogram width = profile.features().get(2);
    assertThat(width.binFractions()).containsExactly(0.25, 0, 0.5, 0, 0, 0, 0, 0, 0, 0.25);
    assertThat(profile.features()).extracting(FeatureHistogram::name)
        .containsExactly("brightness", "contrast", "width", "height");
    profile.features().forEach(h -> assertThat(Arrays.stream(h.binFractions()).sum()).isCloseTo(1, within(1e-9)));
    assertThat(profile.classDistribution()).containsExactly(Map.entry("a", 0.75), Map.entry("b", 0.25));
  }

  @Test
  void shouldPutEdgeValuesInTheUpperBinAndBelowRangeInTheFirst() {
    double[] edges = {0, 10, 20};

    assertThat(FeatureHistogram.binOf(edges, 10)).isEqualTo(1);
    assertThat(FeatureHistogram.binOf(edges, 9.99)).isZero();
    assertThat(FeatureHistogram.binOf(edges, -3)).isZero();
    assertThat(FeatureHistogram.binOf(edges, 20)).isEqualTo(1);
  }

  @Test
  void shouldRefuseAnEmptyProfile() {
    assertThatThrownBy(() -> ReferenceProfiles.build(List.of(), List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one image");
  }

  @Test
  void shouldRenderTheContractJsonShape() {
    ReferenceProfile profile = ReferenceProfiles.build(List.of(new ImageFeatures(1, 1, 1, 1)), List.of("x"));

    Map<String, Object> json = profile.toJson();

    assertThat(json).containsOnlyKeys("features", "classDistribution");
    @SuppressWarnings("unchecked")
    var features = (List<Map<String, Object>>) json.get("features");
    assertThat(features).hasSize(4);
    assertThat(features.get(0)).containsOnlyKeys("name", "binEdges", "binFractions");
    assertThat((double[]) features.get(0).get("binEdges")).hasSize(11);
    assertThat((double[]) features.get(0).get("binFractions")).hasSize(10);
  }
}
