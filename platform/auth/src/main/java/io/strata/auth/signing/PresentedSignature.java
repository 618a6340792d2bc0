package io.strata.auth.signing;

import io.strata.auth.signing.VerificationResult.Rejected;
import java.util.List;

/**
 * The five signature headers of a request, each checked against its syntax; the values are kept as sent,
 * since the canonical request repeats them verbatim.
 */
record PresentedSignature(String appKey, String timestamp, String nonce, String contentSha256, byte[] signature) {

  long epochSeconds() {
    return Long.parseLong(timestamp);
  }

  /**
   * Reads the headers, in the spec's order.
   *
   * @throws InvalidHeaderException naming the first header that is missing, repeated or malformed
   */
  static PresentedSignature parse(HeaderLookup headers) throws InvalidHeaderException {
    String appKey = single(headers, SignedHeaders.APP_KEY);
    if (!HeaderFormat.appKey(appKey)) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.APP_KEY, HeaderFormat.APP_KEY_RULE));
    }
    String timestamp = single(headers, SignedHeaders.TIMESTAMP);
    if (!HeaderFormat.timestamp(timestamp)) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.TIMESTAMP, HeaderFormat.TIMESTAMP_RULE));
    }
    String nonce = single(headers, SignedHeaders.NONCE);
    if (!HeaderFormat.nonce(nonce)) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.NONCE, HeaderFormat.NONCE_RULE));
    }
    String content = single(headers, SignedHeaders.CONTENT_SHA256);
    if (!HeaderFormat.sha256Hex(content)) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.CONTENT_SHA256, HeaderFormat.HEX_RULE));
    }
    byte[] signature = HeaderFormat.parseSha256Hex(single(headers, SignedHeaders.SIGNATURE));
    if (signature == null) {
      throw new InvalidHeaderException(Rejections.malformed(SignedHeaders.SIGNATURE, HeaderFormat.HEX_RULE));
    }
    return new PresentedSignature(appKey, timestamp, nonce, content, signature);
  }

  private static String single(HeaderLookup headers, String name) throws InvalidHeaderException {
    List<String> values = headers.values(name);
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
