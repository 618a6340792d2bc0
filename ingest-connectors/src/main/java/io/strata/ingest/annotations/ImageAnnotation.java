package io.strata.ingest.annotations;

import java.util.List;

/**
 * What an annotation file says about one image.
 *
 * @param imageFile the image's file name as the annotation names it (matched against archive entries by base name)
 * @param width the image width the annotation declares, or 0 when it declares none
 * @param height the image height the annotation declares, or 0 when it declares none
 * @param boxes the objects, possibly none (an image annotated as empty)
 * @param source the annotation file it came from
 */
public record ImageAnnotation(String imageFile, int width, int height, List<Box> boxes, String source) {

  public ImageAnnotation {
    boxes = List.copyOf(boxes);
  }
}
