package io.strata.ingest.labels;

import java.util.Objects;

/** A label request (or one item of a batch) that is refused, with its code and a message saying what to do. */
public final class LabelRefusedException extends Exception {

  private final LabelError error;

  public LabelRefusedException(LabelError error, String message) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  public LabelError error() {
    return error;
  }
}
