package io.strata.auth.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The lower-case hex SHA-256 of a request body, as sent in {@value SignedHeaders#CONTENT_SHA256} and
 * signed in the canonical request.
 */
public final class ContentHash {

  /** The hash of an empty body. */
  public static final ContentHash EMPTY = of(new byte[0]);

  private final String hex;

  private ContentHash(String hex) {
    this.hex = hex;
  }

  /** The hash of {@code body}. */
  public static ContentHash of(byte[] body) {
    return fromDigest(newDigest().digest(body));
  }

  /**
   * A hash given as hex, e.g. computed by the client while writing a large body elsewhere.
   *
   * @throws IllegalArgumentException unless it is 64 lower-case hex digits
   */
  public static ContentHash ofHex(String hex) {
    if (!HeaderFormat.sha256Hex(hex)) {
      throw new IllegalArgumentException("A content hash must be " + HeaderFormat.HEX_RULE + " (SHA-256 of the body)");
    }
    return new ContentHash(hex);
  }

  /** A header value that {@link HeaderFormat#sha256Hex} already accepted. */
  static ContentHash checked(String hex) {
    return new ContentHash(hex);
  }

  static ContentHash fromDigest(byte[] sha256) {
    return new ContentHash(HexFormat.of().formatHex(sha256));
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-256", e);
    }
  }

  /** The 64 lower-case hex digits. */
  public String hex() {
    return hex;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContentHash that && hex.equals(that.hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return "ContentHash[" + hex + "]";
  }
}
