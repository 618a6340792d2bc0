package io.strata.auth.signing;

import java.util.Objects;

/** The verifier's decision on one request: {@link Verified} or {@link Rejected}. */
public sealed interface VerificationResult {

  /**
   * The request was signed by the app's holder and may proceed, scoped to {@code tenantId}.
   *
   * @param appKey the authenticated app
   * @param tenantId the tenant that owns it
   * @param contentSha256 the signed body hash: a streamed body must be checked against it with
   *     {@link #bodyCheck()} before it is used
   * @param signedWithRetiredSecret true if the old secret of a rotation signed it (still in its grace
   *     period); gateways may warn the caller
   */
  record Verified(String appKey, String tenantId, ContentHash contentSha256, boolean signedWithRetiredSecret)
      implements VerificationResult {

    public Verified {
      Objects.requireNonNull(appKey, "appKey");
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(contentSha256, "contentSha256");
    }

    /** A check that the body streamed after this decision is the one that was signed. */
    public BodyCheck bodyCheck() {
      return new BodyCheck(this);
    }
  }

  /**
   * The request is refused. The message helps an honest client fix its request and never contains a
   * secret, the expected signature or the server's canonical request.
   *
   * @param code the stable error code
   * @param message what is wrong and what to do
   */
  record Rejected(RejectionCode code, String message) implements VerificationResult {

    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    /** The HTTP status to answer with: {@code code().httpStatus()}. */
    public int httpStatus() {
      return code.httpStatus();
    }
  }
}
