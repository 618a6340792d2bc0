package io.strata.ingest.gateway.upload;

import io.strata.events.RejectionReason;
import java.util.Objects;

/**
 * A refusal as the caller sees it and as the {@code ingest-rejections} event records it.
 *
 * @param httpStatus the status answered
 * @param code the stable code of the JSON body
 * @param message what was wrong and what to do
 * @param reason the reason on the event
 */
public record Refusal(int httpStatus, String code, String message, RejectionReason reason) {

  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(reason, "reason");
  }

  /** A refusal with one of the gateway's own codes. */
  public static Refusal of(UploadError error, String message) {
    return new Refusal(error.httpStatus(), error.name(), message, error.reason());
  }
}
