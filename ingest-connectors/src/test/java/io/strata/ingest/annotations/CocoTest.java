package io.strata.ingest.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CocoTest {

  private static ParsedAnnotations parse(String json) {
    return Coco.parse("instances.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldTurnCocoBoxesIntoCornerBoxesPerImage() {
    var parsed = parse("""
        {"info": {"description": "export"},
         "images": [{"id": 1, "file_name": "a.jpg", "width": 640, "height": 480},
                    {"id": 2, "file_name": "b.jpg", "width": 100, "height": 100}],
         "categories": [{"id": 7, "name": "cat"}, {"id": 9, "name": "dog"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 7, "bbox": [10, 20, 30.5, 40], "iscrowd": 0},
                         {"id": 2, "image_id": 1, "category_id": 9, "bbox": [0, 0, 640, 480], "iscrowd": 1}]}
        """);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.images()).hasSize(2);
    assertThat(parsed.images().get(0).imageFile()).isEqualTo("a.jpg");
    assertThat(parsed.images().get(0).boxes()).containsExactly(
        new Box("cat", 10, 20, 40.5, 60, false), new Box("dog", 0, 0, 640, 480, true));
    assertThat(parsed.images().get(1).boxes()).as("an image nothing annotates").isEmpty();
  }

  @Test
  void shouldReportEachMalformedAnnotationByFieldAndKeepTheRest() {
    var parsed = parse("""
        {"images": [{"id": 1, "file_name": "a.jpg", "width": 64, "height": 64}, {"file_name": "nameless.jpg"}],
         "categories": [{"id": 7, "name": "cat"}],
         "annotations": [{"image_id": 1, "category_id": 7, "bbox": [1, 2, 3, 4]},
                         {"image_id": 5, "category_id": 7, "bbox": [1, 2, 3, 4]},
                         {"image_id": 1, "category_id": 8, "bbox": [1, 2, 3, 4]},
                         {"image_id": 1, "category_id": 7, "bbox": [1, 2, 3]},
                         {"image_id": 1, "category_id": 7, "bbox": [1, 2, -3, 4]},
                         {"image_id": 1, "category_id": 7, "bbox": [60, 2, 30, 4]}]}
        """);

    assertThat(parsed.images()).singleElement()
        .satisfies(image -> assertThat(image.boxes()).containsExactly(new Box("cat", 1, 2, 4, 6, false)));
    assertThat(parsed.problems()).extracting(AnnotationProblem::field).containsExactly(
        "images[1].id", "annotations[1].image_id", "annotations[2].category_id", "annotations[3].bbox",
        "annotations[4].bbox", "annotations[5].bbox");
  }

  @Test
  void shouldReportInvalidJsonWithItsLine() {
    var parsed = parse("{\"images\": [\n{\"id\": 1,\n\"file_name\": }\n]}");

    assertThat(parsed.images()).isEmpty();
    assertThat(parsed.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(3);
      assertThat(problem.message()).startsWith("not valid JSON");
    });
  }

  @Test
  void shouldRefuseJsonThatIsNoCocoFile() {
    var parsed = parse("[1, 2, 3]");

    assertThat(parsed.images()).isEmpty();
    assertThat(parsed.problems()).singleElement().satisfies(problem -> assertThat(problem.field()).isEqualTo("images"));
  }
}
