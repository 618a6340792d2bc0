package io.strata.ingest.annotations;

/**
 * One object in an image: its class and its box in pixel coordinates, origin top-left, as the file wrote them.
 *
 * @param difficult Pascal VOC's "difficult" flag (false for COCO, unless {@code iscrowd})
 */
public record Box(String classLabel, double xMin, double yMin, double xMax, double yMax, boolean difficult) {
}
