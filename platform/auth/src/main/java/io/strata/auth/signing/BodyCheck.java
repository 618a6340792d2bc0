package io.strata.auth.signing;

import io.strata.auth.signing.VerificationResult.Rejected;
import io.strata.auth.signing.VerificationResult.Verified;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Checks, while a body streams through after its headers were verified, that it hashes to the signed
 * {@code X-Strata-Content-SHA256}. Feed every byte with {@code update}, then {@link #finish()}; until it
 * answers {@link Verified}, whatever was written from the body must be treated as untrusted. Not
 * thread-safe: one per request.
 */
public final class BodyCheck {

  private final Verified verified;
  private final MessageDigest digest = ContentHash.newDigest();

  BodyCheck(Verified verified) {
    this.verified = verified;
  }

  /** Adds the next bytes of the body. */
  public void update(byte[] bytes, int offset, int length) {
    digest.update(bytes, offset, length);
  }

  /** Adds the next bytes of the body. */
  public void update(ByteBuffer bytes) {
    digest.update(bytes);
  }

  /** The verified request if the body was the signed one, else {@link RejectionCode#CONTENT_HASH_MISMATCH}. */
  public VerificationResult finish() {
    ContentHash actual = ContentHash.fromDigest(digest.digest());
    return actual.equals(verified.contentSha256())
        ? verified
        : new Rejected(RejectionCode.CONTENT_HASH_MISMATCH, Rejections.contentHashMismatch());
  }
}
