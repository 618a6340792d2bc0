package io.strata.ingest.labels;

/** Why a label request was refused: the stable code of the JSON error body and its HTTP status. */
public enum LabelError {
  MALFORMED_JSON(400),
  BODY_TOO_LARGE(413),
  INVALID_LABEL(422),
  INVALID_BOX(422),
  INVALID_ANNOTATOR(422),
  INVALID_CONFIDENCE(422),
  INVALID_VERDICT(422),
  INVALID_CORRECTION(422),
  BATCH_TOO_LARGE(422),
  SAMPLE_NOT_FOUND(404),
  LABEL_NOT_FOUND(404),
  LABEL_ALREADY_RETRACTED(409),
  LABEL_NOT_IN_FORCE(409);

  private final int httpStatus;

  LabelError(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
