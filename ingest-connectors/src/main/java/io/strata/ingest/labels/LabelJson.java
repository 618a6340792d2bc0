package io.strata.ingest.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.events.Annotator;
import io.strata.events.AnnotatorType;
import io.strata.events.BoundingBox;
import io.strata.events.LabelEvent;
import io.strata.events.ReviewVerdict;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON of the labels API (docs/ingest.md): reading a label, a retraction and a review with every field
 * checked (an error names the field, e.g. {@code boxes[2].xMax}), and writing label events. Unknown fields are
 * refused, so that a misspelt {@code xmin} is not silently ignored.
 */
public final class LabelJson {

  /** The shared mapper. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> LABEL_FIELDS = Set.of("sampleId", "classLabel", "boxes", "annotator", "confidence",
      "dataset");
  private static final Set<String> BOX_FIELDS = Set.of("classLabel", "xMin", "yMin", "xMax", "yMax", "difficult");
  private static final Set<String> ANNOTATOR_FIELDS = Set.of("type", "id", "modelVersion");
  private static final int MAX_TEXT = 256;

  private LabelJson() {}

  /** Parses a request body; @throws LabelRefusedException {@code MALFORMED_JSON} when it is not a JSON object */
  public static JsonNode body(byte[] body) throws LabelRefusedException {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new LabelRefusedException(LabelError.MALFORMED_JSON, "The body must be a JSON object, e.g. "
            + "{\"sampleId\":\"...\",\"classLabel\":\"cat\",\"annotator\":{\"type\":\"PERSON\",\"id\":\"ann\"}}");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new LabelRefusedException(LabelError.MALFORMED_JSON, "The body is not valid JSON: "
          + e.getMessage().lines().findFirst().orElse("") + ". Send a JSON object with Content-Type: application/json.");
    }
  }

  /** One label object. */
  public static LabelDraft label(JsonNode node, String at) throws LabelRefusedException {
    requireObject(node, at, LABEL_FIELDS, LabelError.INVALID_LABEL);
    String sampleId = text(node, "sampleId", at, true, LabelError.INVALID_LABEL);
    String classLabel = text(node, "classLabel", at, false, LabelError.INVALID_LABEL);
    List<BoundingBox> boxes = boxes(node.get("boxes"), at + "boxes", LabelError.INVALID_BOX);
    if (classLabel == null && boxes.isEmpty()) {
      throw new LabelRefusedException(LabelError.INVALID_LABEL, at.isEmpty() ? "A label needs a 'classLabel', "
          + "'boxes' or both" : "Label '" + at.substring(0, at.length() - 1) + "' needs a 'classLabel', 'boxes' or both");
    }
    Annotator annotator = annotator(node.get("annotator"), at + "annotator", false);
    Double confidence = null;
    JsonNode c = node.get("confidence");
    if (c != null && !c.isNull()) {
      if (!c.isNumber() || c.asDouble() < 0 || c.asDouble() > 1) {
        throw new LabelRefusedException(LabelError.INVALID_CONFIDENCE, "'" + at + "confidence' must be a number "
            + "from 0 to 1, got " + c);
      }
      confidence = c.asDouble();
    }
    return new LabelDraft(sampleId, classLabel, boxes, annotator, confidence,
        text(node, "dataset", at, false, LabelError.INVALID_LABEL));
  }

  /** The annotator of a retraction. */
  public static Annotator retraction(JsonNode node) throws LabelRefusedException {
    requireObject(node, "", Set.of("annotator", "reason"), LabelError.INVALID_LABEL);
    text(node, "reason", "", false, LabelError.INVALID_LABEL);
    return annotator(node.get("annotator"), "annotator", false);
  }

  /** A review. */
  public static Review review(JsonNode node) throws LabelRefusedException {
    requireObject(node, "", Set.of("verdict", "reviewer", "correction"), LabelError.INVALID_LABEL);
    JsonNode v = node.get("verdict");
    ReviewVerdict verdict = null;
    if (v != null && v.isTextual()) {
      for (ReviewVerdict candidate : List.of(ReviewVerdict.ACCEPTED, ReviewVerdict.CORRECTED, ReviewVerdict.REJECTED)) {
        if (candidate.name().equals(v.asText())) {
          verdict = candidate;
        }
      }
    }
    if (verdict == null) {
      throw new LabelRefusedException(LabelError.INVALID_VERDICT, "'verdict' must be ACCEPTED, CORRECTED or "
          + "REJECTED, got " + (v == null ? "nothing" : v));
    }
    Annotator reviewer = annotator(node.get("reviewer"), "reviewer", true);
    JsonNode correction = node.get("correction");
    boolean hasCorrection = correction != null && !correction.isNull();
    if (verdict != ReviewVerdict.CORRECTED) {
      if (hasCorrection) {
        throw new LabelRefusedException(LabelError.INVALID_CORRECTION, "A 'correction' is only given with the "
            + "verdict CORRECTED; remove it or change the verdict");
      }
      return new Review(verdict, reviewer, null, List.of());
    }
    if (!hasCorrection) {
      throw new LabelRefusedException(LabelError.INVALID_CORRECTION, "The verdict CORRECTED needs a 'correction' "
          + "with the right 'classLabel', 'boxes' or both");
    }
    requireObject(correction, "correction.", Set.of("classLabel", "boxes"), LabelError.INVALID_CORRECTION);
    String classLabel = text(correction, "classLabel", "correction.", false, LabelError.INVALID_CORRECTION);
    List<BoundingBox> boxes = boxes(correction.get("boxes"), "correction.boxes", LabelError.INVALID_BOX);
    if (classLabel == null && boxes.isEmpty()) {
      throw new LabelRefusedException(LabelError.INVALID_CORRECTION, "The 'correction' needs a 'classLabel', "
          + "'boxes' or both");
    }
    return new Review(verdict, reviewer, classLabel, boxes);
  }

  /** A label event as the API shows it. */
  public static ObjectNode event(LabelEvent event) {
    ObjectNode out = JSON.createObjectNode();
    out.put("labelId", event.getLabelId());
    out.put("sampleId", event.getSampleId());
    out.put("kind", event.getKind().name());
    if (event.getClassLabel() != null) {
      out.put("classLabel", event.getClassLabel());
    }
    ArrayNode boxes = out.putArray("boxes");
    for (BoundingBox box : event.getBoxes()) {
      boxes.addObject().put("classLabel", box.getClassLabel()).put("xMin", box.getXMin()).put("yMin", box.getYMin())
          .put("xMax", box.getXMax()).put("yMax", box.getYMax()).put("difficult", box.getDifficult());
    }
    ObjectNode annotator = out.putObject("annotator");
    annotator.put("type", event.getAnnotator().getType().name()).put("id", event.getAnnotator().getId());
    if (event.getAnnotator().getModelVersion() != null) {
      annotator.put("modelVersion", event.getAnnotator().getModelVersion());
    }
    if (event.getConfidence() != null) {
      out.put("confidence", event.getConfidence());
    }
    if (event.getDataset() != null) {
      out.put("dataset", event.getDataset());
    }
    if (event.getReview() != null) {
      ObjectNode review = out.putObject("review");
      review.put("reviewedLabelId", event.getReview().getReviewedLabelId());
      review.put("verdict", event.getReview().getVerdict().name());
      if (event.getReview().getCorrectedLabelId() != null) {
        review.put("correctedLabelId", event.getReview().getCorrectedLabelId());
      }
    }
    out.put("occurredAt", event.getOccurredAt().toString());
    out.put("eventId", event.getEventId());
    return out;
  }

  private static void requireObject(JsonNode node, String at, Set<String> fields, LabelError error)
      throws LabelRefusedException {
    if (node == null || !node.isObject()) {
      throw new LabelRefusedException(error, "'" + (at.isEmpty() ? "body" : at.substring(0, at.length() - 1))
          + "' must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new LabelRefusedException(error, "Unknown field '" + at + name + "': expected "
            + String.join(", ", fields.stream().sorted().toList()));
      }
    }
  }

  private static String text(JsonNode node, String field, String at, boolean required, LabelError error)
      throws LabelRefusedException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new LabelRefusedException(error, "Missing '" + at + field + "'");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_TEXT) {
      throw new LabelRefusedException(error, "'" + at + field + "' must be non-empty text of at most " + MAX_TEXT
          + " characters, got " + abbreviate(value));
    }
    return value.asText().strip();
  }

  private static List<BoundingBox> boxes(JsonNode node, String at, LabelError error) throws LabelRefusedException {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new LabelRefusedException(error, "'" + at + "' must be an array of boxes");
    }
    var boxes = new ArrayList<BoundingBox>();
    for (int i = 0; i < node.size(); i++) {
      String here = at + "[" + i + "].";
      JsonNode box = node.get(i);
      requireObject(box, here, BOX_FIELDS, error);
      String classLabel = text(box, "classLabel", here, true, error);
      double[] c = new double[4];
      String[] names = {"xMin", "yMin", "xMax", "yMax"};
      for (int k = 0; k < 4; k++) {
        JsonNode value = box.get(names[k]);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
          throw new LabelRefusedException(error, "'" + here + names[k] + "' must be a pixel coordinate (a number "
              + ">= 0), got " + (value == null ? "nothing" : abbreviate(value)));
        }
        c[k] = value.asDouble();
      }
      if (c[0] >= c[2] || c[1] >= c[3]) {
        throw new LabelRefusedException(error, "Box '" + here.substring(0, here.length() - 1) + "' is empty: xMin < "
            + "xMax and yMin < yMax are required, got (" + c[0] + ", " + c[1] + ", " + c[2] + ", " + c[3] + ")");
      }
      JsonNode difficult = box.get("difficult");
      if (difficult != null && !difficult.isNull() && !difficult.isBoolean()) {
        throw new LabelRefusedException(error, "'" + here + "difficult' must be true or false");
      }
      boxes.add(new BoundingBox(classLabel, c[0], c[1], c[2], c[3], difficult != null && difficult.asBoolean()));
    }
    return boxes;
  }

  private static Annotator annotator(JsonNode node, String at, boolean personOnly) throws LabelRefusedException {
    if (node == null || !node.isObject()) {
      throw new LabelRefusedException(LabelError.INVALID_ANNOTATOR, "Missing '" + at + "': give {\"type\":"
          + (personOnly ? "\"PERSON\"" : "\"PERSON|MODEL|IMPORT\"") + ",\"id\":\"...\"}");
    }
    requireObject(node, at + ".", ANNOTATOR_FIELDS, LabelError.INVALID_ANNOTATOR);
    JsonNode t = node.get("type");
    AnnotatorType type = null;
    for (AnnotatorType candidate : List.of(AnnotatorType.PERSON, AnnotatorType.MODEL, AnnotatorType.IMPORT)) {
      if (t != null && t.isTextual() && candidate.name().equals(t.asText())) {
        type = candidate;
      }
    }
    if (type == null || (personOnly && type != AnnotatorType.PERSON)) {
      throw new LabelRefusedException(LabelError.INVALID_ANNOTATOR, "'" + at + ".type' must be "
          + (personOnly ? "PERSON" : "PERSON, MODEL or IMPORT") + ", got " + (t == null ? "nothing" : t));
    }
    String id = text(node, "id", at + ".", true, LabelError.INVALID_ANNOTATOR);
    JsonNode version = node.get("modelVersion");
    Integer modelVersion = null;
    if (version != null && !version.isNull()) {
      if (type != AnnotatorType.MODEL || !version.isInt() || version.asInt() < 1) {
        throw new LabelRefusedException(LabelError.INVALID_ANNOTATOR, "'" + at + ".modelVersion' is a model "
            + "version (a whole number >= 1) and only given with type MODEL, got " + version);
      }
      modelVersion = version.asInt();
    }
    return new Annotator(type, id, modelVersion);
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
