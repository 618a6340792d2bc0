package io.strata.ingest.annotations;

/**
 * A malformed annotation, located precisely enough to fix it: the file, and the line (Pascal VOC) or the field
 * path such as {@code annotations[3].bbox} (COCO).
 *
 * @param file the annotation file
 * @param line the 1-based line, or 0 when unknown
 * @param field the element or field path
 * @param message what is wrong, and what was expected
 */
public record AnnotationProblem(String file, int line, String field, String message) {

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + " " + field + ": " + message;
  }
}
