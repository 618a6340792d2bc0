package io.strata.auth.signing;

import io.strata.auth.signing.VerificationResult.Rejected;
import java.util.List;

/**
 * The five signature headers of a request, each checked against its syntax; the values are kept as sent,
 * since the canonical request repeats them verbatim.
 */
record PresentedSignature(String appKey, String timestamp, String nonce, String contentSha256, byte[] signature) {

  long epochSeconds() {
    return HeaderFormat.epochSeconds(timestamp);
  }

  /**
   * Reads the headers, in the spec's order. All five are looked up, and their values copied into
   * {@code canonical}, before the first is checked: values that are not in the CPU cache, as a request's often
   * are not, are then fetched together rather than one after another. The checks do not depend on it.
   *
   * @throws InvalidHeaderException naming the first header that is missing, repeated or malformed
   */
  static PresentedSignature parse(HeaderLookup headers, CanonicalBuffer canonical) throws InvalidHeaderException {
    List<String> appKeys = headers.values(SignedHeaders.APP_KEY);
    List<String> timestamps = headers.values(SignedHeaders.TIMESTAMP);
    List<String> nonces = headers.values(SignedHeaders.NONCE);
    List<String> contents = headers.values(SignedHeaders.CONTENT_SHA256);
    List<String> signatures = headers.values(SignedHeaders.SIGNATURE);
    canonical.stage(first(contents), first(timestamps), first(nonces), first(appKeys), first(signatures));
    String appKey = single(appKeys, SignedHeaders.APP_KEY);
    if (!HeaderFormat.appKey(appKey)) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.APP_KEY, HeaderFormat.APP_KEY_RULE));
    }
    String timestamp = single(timestamps, SignedHeaders.TIMESTAMP);
    if (!HeaderFormat.timestamp(timestamp)) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.TIMESTAMP, HeaderFormat.TIMESTAMP_RULE));
    }
    String nonce = single(nonces, SignedHeaders.NONCE);
    if (!HeaderFormat.nonce(nonce)) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.NONCE, HeaderFormat.NONCE_RULE));
    }
    String content = single(contents, SignedHeaders.CONTENT_SHA256);
    if (!HeaderFormat.sha256Hex(content)) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.CONTENT_SHA256, HeaderFormat.HEX_RULE));
    }
    byte[] signature = HeaderFormat.parseSha256Hex(single(signatures, SignedHeaders.SIGNATURE));
    if (signature == null) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.SIGNATURE, HeaderFormat.HEX_RULE));
    }
    return new PresentedSignature(appKey, timestamp, nonce, content, signature);
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String single(List<String> values, String name) throws InvalidHeaderException {
    if (values == null || values.isEmpty()) {
      throw new InvalidHeaderException(Rejections.missing(name));
    }
    if (values.size() > 1) {
      throw new InvalidHeaderException(Rejections.repeated(name));
    }
    return values.get(0);
  }

  /** A signature header is missing or malformed; cheap to throw, it carries no stack trace. */
  static final class InvalidHeaderException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Rejected rejection;

    InvalidHeaderException(Rejected rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }

    Rejected rejection() {
      return rejection;
    }
  }
}
