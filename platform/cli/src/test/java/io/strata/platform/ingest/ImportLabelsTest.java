package io.strata.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.annotations.Box;
import io.strata.ingest.annotations.ImageAnnotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportLabelsTest {

  @Test
  void shouldClampBoxesToTheImageAndMarkTheImporter() {
    var annotation = new ImageAnnotation("cat.jpg", 64, 48, List.of(new Box("cat", 1, 2, 65, 49, true)), "cat.xml");
    var label = ImportLabels.label("abc", annotation, 64, 48, "pets").orElseThrow();
    assertThat(label.path("boxes").get(0).path("xMax").asDouble()).isEqualTo(64);
    assertThat(label.path("boxes").get(0).path("yMax").asDouble()).isEqualTo(48);
    assertThat(label.path("boxes").get(0).path("difficult").asBoolean()).isTrue();
    assertThat(label.path("annotator").path("type").asText()).isEqualTo("IMPORT");
    assertThat(label.path("annotator").path("id").asText()).isEqualTo("import");
    assertThat(label.path("dataset").asText()).isEqualTo("pets");
    assertThat(ImportLabels.label("abc", new ImageAnnotation("x.jpg", 0, 0, List.of(), "x.xml"), 1, 1, null)).isEmpty();
  }

  @Test
  void shouldGiveTheImageTheClassOfItsBoxesOnlyWhenTheyAllShareIt() {
    var cats = new ImageAnnotation("c.jpg", 64, 48, List.of(new Box("cat", 1, 2, 10, 10, false),
        new Box("cat", 20, 20, 30, 30, false)), "c.xml");
    assertThat(ImportLabels.label("s", cats, 64, 48, null).orElseThrow().path("classLabel").asText()).isEqualTo("cat");
    var mixed = new ImageAnnotation("m.jpg", 64, 48, List.of(new Box("cat", 1, 2, 10, 10, false),
        new Box("dog", 20, 20, 30, 30, false)), "m.xml");
    assertThat(ImportLabels.label("s", mixed, 64, 48, null).orElseThrow().has("classLabel")).isFalse();
  }

  @Test
  void shouldRecogniseTheSameBoxesAlreadyImportedWhateverTheirOrder() throws Exception {
    var annotation = new ImageAnnotation("a.jpg", 0, 0, List.of(new Box("a", 1, 1, 5, 5, false),
        new Box("b", 2, 2, 6, 6, false)), "a.xml");
    var label = ImportLabels.label("s", annotation, 10, 10, null).orElseThrow();
    var existing = GatewayClient.JSON.readTree("""
        {"active":[
          {"annotator":{"type":"IMPORT","id":"import"},"boxes":[
            {"classLabel":"b","xMin":2,"yMin":2,"xMax":6,"yMax":6,"difficult":false},
            {"classLabel":"a","xMin":1,"yMin":1,"xMax":5,"yMax":5,"difficult":false}]},
          {"annotator":{"type":"PERSON","id":"import"},"boxes":[
            {"classLabel":"c","xMin":1,"yMin":1,"xMax":5,"yMax":5,"difficult":false}]}]}""");
    assertThat(ImportLabels.imported(existing)).containsExactly(ImportLabels.fingerprint(label.path("boxes")));
  }
}
