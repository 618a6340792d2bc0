package io.strata.ingest.gateway.image;

import java.io.IOException;
import java.util.Objects;

/**
 * An upload was refused while it streamed. An {@link IOException}, so that a blob store reading the stream
 * aborts its put and keeps nothing.
 */
public final class ImageRefusedException extends IOException {

  private final ImageProblem problem;

  public ImageRefusedException(ImageProblem problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** What is wrong with the bytes. */
  public ImageProblem problem() {
    return problem;
  }
}
