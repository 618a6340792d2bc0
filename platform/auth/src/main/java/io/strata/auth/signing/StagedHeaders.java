package io.strata.auth.signing;

/**
 * The signature headers' values copied ahead, as the last four lines of the canonical request
 * ({@code content sha256 \n timestamp \n nonce \n app key}) plus the signature: the copying fetches every value
 * into the CPU cache at once, before they are checked one after another, and {@link CanonicalBuffer#write}
 * then takes the four lines in one piece. Used only if the values it is given are the very strings it copied,
 * which by then have passed their checks, so are ASCII and copied exactly. Part of one {@link CanonicalBuffer}.
 */
final class StagedHeaders {

  private static final int CAPACITY = HeaderFormat.SHA256_HEX + HeaderFormat.TIMESTAMP_MAX_DIGITS
      + HeaderFormat.NONCE_MAX + HeaderFormat.APP_KEY_MAX + 3;

  private final byte[] lines = new byte[CAPACITY];
  private final byte[] signature = new byte[HeaderFormat.SHA256_HEX];
  private String contentSha256;
  private String timestamp;
  private String nonce;
  private String appKey;
  private int length = -1;
  private int nonceOffset;

  /** Copies the values; if one is missing or too long for its header, nothing is kept for {@link #nonceOffset}. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): one copy, and only ASCII is used
  void copy(String contentSha256, String timestamp, String nonce, String appKey, String signature) {
    clear();
    if (signature != null && signature.length() == HeaderFormat.SHA256_HEX) {
      signature.getBytes(0, HeaderFormat.SHA256_HEX, this.signature, 0);
    }
    if (contentSha256 == null || contentSha256.length() != HeaderFormat.SHA256_HEX || timestamp == null
        || timestamp.length() > HeaderFormat.TIMESTAMP_MAX_DIGITS || nonce == null
        || nonce.length() > HeaderFormat.NONCE_MAX || appKey == null || appKey.length() > HeaderFormat.APP_KEY_MAX) {
      return;
    }
    int at = line(contentSha256, 0);
    at = line(timestamp, at);
    nonceOffset = at;
    at = line(nonce, at);
    appKey.getBytes(0, appKey.length(), lines, at);
    length = at + appKey.length();
    this.contentSha256 = contentSha256;
    this.timestamp = timestamp;
    this.nonce = nonce;
    this.appKey = appKey;
  }

  /** Where the nonce starts in {@link #bytes()}, or -1 unless these are the values copied. */
  int nonceOffset(String contentSha256, String timestamp, String nonce, String appKey) {
    boolean same = length >= 0 && contentSha256 == this.contentSha256 && timestamp == this.timestamp
        && nonce == this.nonce && appKey == this.appKey;
    return same ? nonceOffset : -1;
  }

  byte[] bytes() {
    return lines;
  }

  int length() {
    return length;
  }

  /** Forgets the values once they are written, so that a thread does not keep a request's strings for long. */
  void clear() {
    contentSha256 = null;
    timestamp = null;
    nonce = null;
    appKey = null;
    length = -1;
  }

  @SuppressWarnings("deprecation")
  private int line(String value, int at) {
    value.getBytes(0, value.length(), lines, at);
    lines[at + value.length()] = '\n';
    return at + value.length() + 1;
  }
}
