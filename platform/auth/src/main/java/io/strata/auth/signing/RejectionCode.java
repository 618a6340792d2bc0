package io.strata.auth.signing;

/**
 * Why a signed request was refused: a stable code for error bodies, with its HTTP status. Listed in the
 * order the verifier checks (docs/signing.md, "Order of checks").
 */
public enum RejectionCode {
  /** One of the five signature headers is absent. */
  MISSING_SIGNATURE_HEADER(401),
  /** A signature header breaks its syntax or is repeated. */
  MALFORMED_SIGNATURE_HEADER(401),
  /** The timestamp is outside the skew window, or older than the replay protection currently reaches. */
  TIMESTAMP_OUT_OF_WINDOW(401),
  /** No app has this key (or it was deleted). */
  UNKNOWN_APP_KEY(401),
  /** The signature is not the HMAC of the canonical request under any accepted secret of the app. */
  SIGNATURE_MISMATCH(401),
  /** A correctly signed request whose nonce this gateway has already accepted for the app within the window. */
  NONCE_REPLAYED(401),
  /** A correctly signed request from an app that is blocked. */
  APP_BLOCKED(403),
  /** A correctly signed request whose body does not hash to the signed {@code X-Strata-Content-SHA256}. */
  CONTENT_HASH_MISMATCH(400);

  private final int httpStatus;

  RejectionCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status a gateway answers with. */
  public int httpStatus() {
    return httpStatus;
  }
}
