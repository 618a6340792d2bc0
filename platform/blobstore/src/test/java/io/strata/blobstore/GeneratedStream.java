package io.strata.blobstore;

import java.io.InputStream;

/** A deterministic pseudo-random stream of a given length, generated on the fly rather than held. */
final class GeneratedStream extends InputStream {

  private final long length;
  private long position;
  private long state;

  GeneratedStream(long length, long seed) {
    this.length = length;
    this.state = seed | 1;
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    position++;
    return next();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - position);
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) next();
    }
    position += n;
    return n;
  }

  private int next() {
    state ^= state << 13;
    state ^= state >>> 7;
    state ^= state << 17;
    return (int) (state & 0xff);
  }
}
