package io.strata.ingest.annotations;

import java.util.List;

/** The annotations read from one file, and what could not be read; the two together account for the whole file. */
public record ParsedAnnotations(List<ImageAnnotation> images, List<AnnotationProblem> problems) {

  public ParsedAnnotations {
    images = List.copyOf(images);
    problems = List.copyOf(problems);
  }
}
