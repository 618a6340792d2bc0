package io.strata.streams.datasets;

import io.strata.events.BoundingBox;
import java.util.List;

/**
 * A label made on a sample and not retracted.
 *
 * @param labelId the label
 * @param classLabel image-level class, or null for a detection-only label
 * @param boxes object boxes
 */
public record ActiveLabel(String labelId, String classLabel, List<BoundingBox> boxes) {

  public ActiveLabel {
    boxes = List.copyOf(boxes);
  }
}
