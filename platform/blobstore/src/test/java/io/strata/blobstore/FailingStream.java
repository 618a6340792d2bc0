package io.strata.blobstore;

import java.io.IOException;
import java.io.InputStream;

/** Yields {@code failAfter} bytes, then fails as a dropped connection would. */
final class FailingStream extends InputStream {

  private final long failAfter;
  private long position;

  FailingStream(long failAfter) {
    this.failAfter = failAfter;
  }

  @Override
  public int read() throws IOException {
    if (position >= failAfter) {
      throw new IOException("connection reset by peer (simulated)");
    }
    position++;
    return 'x';
  }
}
