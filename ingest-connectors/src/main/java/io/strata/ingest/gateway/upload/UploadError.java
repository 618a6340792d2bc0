package io.strata.ingest.gateway.upload;

import io.strata.events.RejectionReason;
import io.strata.ingest.gateway.image.ImageProblem;

/**
 * Why the gateway refused an upload (or one file of it): the stable code of the JSON error body, the HTTP
 * status, and the reason recorded on the {@code ingest-rejections} event. Signature refusals keep the codes of
 * docs/signing.md (see {@link #fromSignature}).
 */
public enum UploadError {
  EMPTY_BODY(400, RejectionReason.EMPTY),
  CORRUPT_IMAGE(400, RejectionReason.CORRUPT),
  CONTENT_TYPE_MISMATCH(400, RejectionReason.INVALID_METADATA),
  UNSUPPORTED_TYPE(415, RejectionReason.UNSUPPORTED_TYPE),
  TOO_LARGE(413, RejectionReason.TOO_LARGE),
  TOO_MANY_PIXELS(413, RejectionReason.TOO_LARGE),
  INVALID_METADATA(400, RejectionReason.INVALID_METADATA),
  MALFORMED_MULTIPART(400, RejectionReason.OTHER),
  BODY_READ_FAILED(400, RejectionReason.OTHER),
  /** The app's request rate (per app or for this API) is exceeded; {@code Retry-After} says when to retry. */
  RATE_LIMITED(429, RejectionReason.OTHER),
  /** The app's monthly quota of billable units (one per accepted upload) is used up. */
  QUOTA_EXHAUSTED(429, RejectionReason.QUOTA_EXHAUSTED);

  private final int httpStatus;
  private final RejectionReason reason;

  UploadError(int httpStatus, RejectionReason reason) {
    this.httpStatus = httpStatus;
    this.reason = reason;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public RejectionReason reason() {
    return reason;
  }

  /** The code for what an image inspection found. */
  public static UploadError of(ImageProblem problem) {
    return switch (problem) {
      case EMPTY -> EMPTY_BODY;
      case CORRUPT -> CORRUPT_IMAGE;
      case TYPE_MISMATCH -> CONTENT_TYPE_MISMATCH;
      case UNSUPPORTED -> UNSUPPORTED_TYPE;
      case TOO_MANY_PIXELS -> TOO_MANY_PIXELS;
    };
  }

  /** The rejection reason recorded for a refused signature, by its docs/signing.md code. */
  public static RejectionReason fromSignature(io.strata.auth.signing.RejectionCode code) {
    return switch (code) {
      case APP_BLOCKED -> RejectionReason.BLOCKED;
      case CONTENT_HASH_MISMATCH -> RejectionReason.OTHER;
      default -> RejectionReason.UNAUTHENTICATED;
    };
  }
}
