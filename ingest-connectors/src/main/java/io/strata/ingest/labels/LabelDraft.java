package io.strata.ingest.labels;

import io.strata.events.Annotator;
import io.strata.events.BoundingBox;
import java.util.List;
import java.util.Objects;

/**
 * A new label as a caller asked for it, its fields already well-formed (what still needs the sample, such as
 * boxes within its size, is checked by {@link Labels}).
 *
 * @param sampleId the sample it labels
 * @param classLabel the image-level class, or null
 * @param boxes the objects, possibly none
 * @param annotator who made it
 * @param confidence 0..1, or null
 * @param dataset a dataset hint, or null
 */
public record LabelDraft(String sampleId, String classLabel, List<BoundingBox> boxes, Annotator annotator,
    Double confidence, String dataset) {

  public LabelDraft {
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(annotator, "annotator");
    boxes = List.copyOf(boxes);
  }
}
