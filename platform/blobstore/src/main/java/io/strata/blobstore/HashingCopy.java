package io.strata.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;

/**
 * Copies a stream through one fixed buffer while hashing it and enforcing a size limit, so memory
 * does not grow with the content. Any store that spools content before naming it can use it.
 */
final class HashingCopy {

  static final int BUFFER_BYTES = 64 * 1024;

  /** The hash and size of what was copied. */
  record Result(String sha256, long sizeBytes) {
  }

  private HashingCopy() {
  }

  static Result copy(InputStream in, WritableByteChannel out, long maxBytes) throws IOException {
    return copy(in, out, maxBytes, null);
  }

  /**
   * As {@link #copy(InputStream, WritableByteChannel, long)}, also feeding every byte to {@code alsoDigest}
   * (when not null), for stores whose protocol wants a second checksum such as S3's Content-MD5.
   */
  static Result copy(InputStream in, WritableByteChannel out, long maxBytes, MessageDigest alsoDigest)
      throws IOException {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
    }
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[BUFFER_BYTES];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw new BlobTooLargeException(maxBytes);
      }
      digest.update(buffer, 0, n);
      if (alsoDigest != null) {
        alsoDigest.update(buffer, 0, n);
      }
      ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
      while (chunk.hasRemaining()) {
        out.write(chunk);
      }
    }
    return new Result(Sha256.hex(digest), total);
  }
}
