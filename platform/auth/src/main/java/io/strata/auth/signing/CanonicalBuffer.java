package io.strata.auth.signing;

import io.strata.auth.secrets.AppSecret;
import java.nio.charset.StandardCharsets;

/**
 * The verifier's way to the signed bytes: writes the canonical request ({@link CanonicalRequest}) straight
 * into a byte buffer that its thread reuses, with no string built on the way. A path already in canonical
 * form and a query of plain {@code name=value} parameters — the common case — are checked and copied (the
 * path in one pass, the query in one piece, then checked as bytes), the query's parameters then sorted in place; anything else is canonicalised by
 * {@link CanonicalPath#of} and {@link CanonicalQuery#of}, the reference this fast path agrees with byte for
 * byte. Not thread-safe: one per thread ({@link #forThisThread()}), overwritten by its next request.
 */
final class CanonicalBuffer {

  private static final ThreadLocal<CanonicalBuffer> PER_THREAD = ThreadLocal.withInitial(CanonicalBuffer::new);
  private static final byte[] ALGORITHM_LINE =
      (CanonicalRequest.ALGORITHM + '\n').getBytes(StandardCharsets.US_ASCII);
  private static final int INITIAL_CAPACITY = 512;
  /** A buffer grown past this by one long request is not kept for the next one. */
  private static final int KEPT_CAPACITY = 8 * 1024;

  private final PlainQuerySort query = new PlainQuerySort();
  private final byte[] mac = new byte[AppSecret.MAC_LENGTH];
  private final StagedHeaders staged = new StagedHeaders();
  private byte[] bytes = new byte[INITIAL_CAPACITY];
  private int length;
  private int nonceAt;

  static CanonicalBuffer forThisThread() {
    return PER_THREAD.get();
  }

  /**
   * Copies the signature headers' values ahead of {@link #write}, before they are checked; null or over-long
   * ones are left out. See {@link StagedHeaders}.
   */
  void stage(String contentSha256, String timestamp, String nonce, String appKey, String signature) {
    staged.copy(contentSha256, timestamp, nonce, appKey, signature);
  }

  /**
   * Writes the canonical request of a request's parts and its signature headers' values, which must have
   * passed their {@link HeaderFormat} checks.
   *
   * @return false, with nothing written, if {@code method} is not an HTTP method token: no client can have
   *     signed such a request
   */
  boolean write(String method, String rawPath, String rawQuery, String contentSha256, String timestamp,
      String nonce, String appKey) {
    if (!HeaderFormat.method(method)) {
      return false;
    }
    if (bytes.length > KEPT_CAPACITY) {
      bytes = new byte[INITIAL_CAPACITY];
    }
    ensure(ALGORITHM_LINE.length + method.length() + rawPath.length() + rawQuery.length() + contentSha256.length()
        + timestamp.length() + nonce.length() + appKey.length() + 8);
    System.arraycopy(ALGORITHM_LINE, 0, bytes, 0, ALGORITHM_LINE.length);
    int at = upperCase(method, ALGORITHM_LINE.length);
    bytes[at++] = '\n';
    at = path(rawPath, at);
    bytes[at++] = '\n';
    at = query.write(this, rawQuery, at);
    bytes[at++] = '\n';
    int nonceOffset = staged.nonceOffset(contentSha256, timestamp, nonce, appKey);
    if (nonceOffset >= 0) {
      // The last four lines as stage() copied them, from these very values.
      ensure(at + staged.length());
      System.arraycopy(staged.bytes(), 0, bytes, at, staged.length());
      nonceAt = at + nonceOffset;
      length = at + staged.length();
    } else {
      at = ascii(contentSha256, at);
      bytes[at++] = '\n';
      at = ascii(timestamp, at);
      bytes[at++] = '\n';
      nonceAt = at;
      at = ascii(nonce, at);
      bytes[at++] = '\n';
      length = ascii(appKey, at);
    }
    staged.clear();
    return true;
  }

  /** The buffer; the canonical request is its first {@link #length()} bytes. */
  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  /** Where {@code nonce \n appKey} starts: the last two lines, which identify a nonce. */
  int nonceAt() {
    return nonceAt;
  }

  /** Room for one HMAC, reused by the thread's next request. */
  byte[] mac() {
    return mac;
  }

  private int upperCase(String method, int at) {
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      bytes[at + i] = (byte) (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
    }
    return at + method.length();
  }

  /** The path as {@link CanonicalPath#of} gives it, copied as it is checked when it is already canonical. */
  private int path(String raw, int at) {
    int end = raw.isEmpty() || raw.charAt(0) != '/' ? -1 : canonicalPath(raw, at);
    return end >= 0 ? end : ascii(CanonicalPath.of(raw), at);
  }

  /**
   * Copies a path that starts with {@code /} as it is checked; -1 unless it is canonical (unreserved characters,
   * canonical escapes and slashes, no dot segment), when the reference path must normalise it instead.
   */
  private int canonicalPath(String raw, int at) {
    ensure(at + raw.length() + 1);
    byte[] bytes = this.bytes;
    int length = raw.length();
    bytes[at] = '/';
    int segment = at + 1;
    for (int i = 1; i < length; i++) {
      char c = raw.charAt(i);
      bytes[at + i] = (byte) c;
      if (PercentEncoding.unreserved(c)) {
        continue;
      }
      if (c == '/') {
        if (isDotSegment(bytes, segment, at + i)) {
          return -1;
        }
        segment = at + i + 1;
      } else if (c == '%' && PercentEncoding.canonicalEscapeAt(raw, i)) {
        bytes[at + i + 1] = (byte) raw.charAt(i + 1);
        bytes[at + i + 2] = (byte) raw.charAt(i + 2);
        i += 2;
      } else {
        return -1;
      }
    }
    return isDotSegment(bytes, segment, at + length) ? -1 : at + length;
  }

  private static boolean isDotSegment(byte[] bytes, int from, int to) {
    return (to - from == 1 && bytes[from] == '.') || (to - from == 2 && bytes[from] == '.' && bytes[from + 1] == '.');
  }

  /** Writes {@code ascii} at {@code at}, growing the buffer if needed; the text must be ASCII only. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII, and one copy
  int ascii(String ascii, int at) {
    ensure(at + ascii.length() + 1);
    ascii.getBytes(0, ascii.length(), bytes, at);
    return at + ascii.length();
  }

  /** Makes room for {@code capacity} bytes in all, keeping what is written. */
  void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = java.util.Arrays.copyOf(bytes, Math.max(capacity, 2 * bytes.length));
    }
  }
}
