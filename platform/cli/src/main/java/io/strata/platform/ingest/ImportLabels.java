package io.strata.platform.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.ingest.annotations.Box;
import io.strata.ingest.annotations.ImageAnnotation;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The label an annotation becomes: its boxes, annotator {@code IMPORT} with id {@value #ANNOTATOR}, and the
 * dataset. When every box has the same class, that class is also the image's class ({@code classLabel}), so an
 * export made for detection also trains a classifier; an image with objects of several classes gets no image class.
 * Boxes are clamped to the sample's size, because Pascal VOC counts pixels from 1, so that a box touching
 * the right edge ends at width + 1. An annotation already imported on the sample (same boxes, by the importer,
 * still in force) is not made again, so that running the same import twice makes no duplicate labels.
 */
final class ImportLabels {

  static final String ANNOTATOR = "import";

  private ImportLabels() {}

  /** The label's JSON for the labels API, or empty when the annotation has no box. */
  static Optional<ObjectNode> label(String sampleId, ImageAnnotation annotation, int width, int height,
      String dataset) {
    if (annotation.boxes().isEmpty()) {
      return Optional.empty();
    }
    ObjectNode label = GatewayClient.JSON.createObjectNode().put("sampleId", sampleId);
    var boxes = label.putArray("boxes");
    for (Box box : annotation.boxes()) {
      double xMax = width > 0 ? Math.min(box.xMax(), width) : box.xMax();
      double yMax = height > 0 ? Math.min(box.yMax(), height) : box.yMax();
      boxes.addObject().put("classLabel", box.classLabel()).put("xMin", box.xMin()).put("yMin", box.yMin())
          .put("xMax", xMax).put("yMax", yMax).put("difficult", box.difficult());
    }
    var classes = annotation.boxes().stream().map(Box::classLabel).distinct().toList();
    if (classes.size() == 1) {
      label.put("classLabel", classes.get(0));
    }
    label.putObject("annotator").put("type", "IMPORT").put("id", ANNOTATOR);
    if (dataset != null) {
      label.put("dataset", dataset);
    }
    return Optional.of(label);
  }

  /** The box sets of the importer's labels in force on a sample, from {@code GET /v1/samples/{id}/labels}. */
  static Set<String> imported(JsonNode sampleLabels) {
    var found = new HashSet<String>();
    for (JsonNode label : sampleLabels.path("active")) {
      if (label.path("annotator").path("type").asText().equals("IMPORT")
          && label.path("annotator").path("id").asText().equals(ANNOTATOR)) {
        found.add(fingerprint(label.path("boxes")));
      }
    }
    return found;
  }

  /** The boxes of a label, as comparable text (order-independent, coordinates to 1/100 pixel). */
  static String fingerprint(JsonNode boxes) {
    return java.util.stream.StreamSupport.stream(boxes.spliterator(), false)
        .map(b -> String.format(Locale.ROOT, "%s|%.2f|%.2f|%.2f|%.2f|%b", b.path("classLabel").asText(),
            b.path("xMin").asDouble(), b.path("yMin").asDouble(), b.path("xMax").asDouble(), b.path("yMax").asDouble(),
            b.path("difficult").asBoolean()))
        .sorted().reduce((a, b) -> a + ";" + b).orElse("");
  }
}
