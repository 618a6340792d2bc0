package io.strata.ingest.labels;

import io.strata.events.Annotator;
import io.strata.events.BoundingBox;
import io.strata.events.ReviewVerdict;
import java.util.List;
import java.util.Objects;

/**
 * A person's verdict on a label (typically a model's pre-label).
 *
 * @param verdict accepted, corrected or rejected
 * @param reviewer the person
 * @param correctedClass the correction's class, for {@code CORRECTED}, or null
 * @param correctedBoxes the correction's boxes, for {@code CORRECTED}
 */
public record Review(ReviewVerdict verdict, Annotator reviewer, String correctedClass, List<BoundingBox> correctedBoxes) {

  public Review {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reviewer, "reviewer");
    correctedBoxes = List.copyOf(correctedBoxes);
  }
}
