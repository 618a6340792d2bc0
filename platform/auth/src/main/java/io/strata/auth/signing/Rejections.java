package io.strata.auth.signing;

import io.strata.auth.signing.VerificationResult.Rejected;

/**
 * The text of each rejection. Each says what to fix; none echoes a secret, the expected signature, the
 * server's canonical request or anything about an app to a caller who has not proven it holds its secret.
 */
final class Rejections {

  private static final String SPEC = " See docs/signing.md.";

  private Rejections() {}

  static Rejected missing(String header) {
    return new Rejected(RejectionCode.MISSING_SIGNATURE_HEADER, "Header " + header + " is missing. A signed request "
        + "carries " + SignedHeaders.APP_KEY + ", " + SignedHeaders.TIMESTAMP + ", " + SignedHeaders.NONCE + ", "
        + SignedHeaders.CONTENT_SHA256 + " and " + SignedHeaders.SIGNATURE + "." + SPEC);
  }

  static Rejected repeated(String header) {
    return new Rejected(RejectionCode.MALFORMED_SIGNATURE_HEADER,
        "Header " + header + " appears more than once; send it exactly once." + SPEC);
  }

  static Rejected malformed(String header, String rule) {
    return new Rejected(RejectionCode.MALFORMED_SIGNATURE_HEADER,
        "Header " + header + " must be " + rule + "." + SPEC);
  }

  static Rejected outOfWindow(long timestamp, long now, long windowSeconds) {
    long offset = timestamp - now;
    return new Rejected(RejectionCode.TIMESTAMP_OUT_OF_WINDOW, SignedHeaders.TIMESTAMP + " " + timestamp + " is "
        + Math.abs(offset) + " s " + (offset < 0 ? "behind" : "ahead of") + " the server time " + now
        + " (Unix epoch seconds); requests are accepted within " + windowSeconds + " s of it. Synchronise your "
        + "clock (NTP) and sign each request, retries included, just before sending it." + SPEC);
  }

  static Rejected beyondReplayHorizon(long timestamp, long now) {
    return new Rejected(RejectionCode.TIMESTAMP_OUT_OF_WINDOW, SignedHeaders.TIMESTAMP + " " + timestamp + " is "
        + (now - timestamp) + " s behind the server time " + now + ", older than this gateway can protect "
        + "against replay under its current load. Sign each request, retries included, just before sending it."
        + SPEC);
  }

  static Rejected unknownAppKey(String appKey) {
    return new Rejected(RejectionCode.UNKNOWN_APP_KEY, "App key '" + appKey + "' is not known. Check "
        + SignedHeaders.APP_KEY + " against the key you were issued; a deleted app's key stops working." + SPEC);
  }

  static Rejected signatureMismatch() {
    return new Rejected(RejectionCode.SIGNATURE_MISMATCH, SignedHeaders.SIGNATURE + " does not match the request. "
        + "It must be the lower-case hex HMAC-SHA256, keyed with your app secret, of these lines joined by \\n: "
        + CanonicalRequest.ALGORITHM + ", the upper-case method, the normalised path, the sorted query, and the "
        + "values you sent in " + SignedHeaders.CONTENT_SHA256 + ", " + SignedHeaders.TIMESTAMP + ", "
        + SignedHeaders.NONCE + " and " + SignedHeaders.APP_KEY + ". Check that you sign the path and query "
        + "exactly as sent (a proxy may rewrite them), the same header values you send, and your current secret "
        + "(an old one stops working when its rotation grace period ends)." + SPEC);
  }

  static Rejected nonceReplayed(long windowSeconds) {
    return new Rejected(RejectionCode.NONCE_REPLAYED, SignedHeaders.NONCE + " was already used with this app key "
        + "within the last " + windowSeconds + " s. Use a fresh random nonce for every request, retries included."
        + SPEC);
  }

  static Rejected blocked(String appKey, String reason) {
    String why = reason.isBlank() ? "no reason was given" : reason;
    return new Rejected(RejectionCode.APP_BLOCKED, "App '" + appKey + "' is blocked: " + why
        + ". Its requests are refused until an operator unblocks it.");
  }

  static String contentHashMismatch() {
    return "The body does not hash to " + SignedHeaders.CONTENT_SHA256 + ". Send the lower-case hex SHA-256 of "
        + "exactly the bytes of the body as sent (after any compression), and sign that same value." + SPEC;
  }
}
