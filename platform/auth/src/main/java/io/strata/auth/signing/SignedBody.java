package io.strata.auth.signing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A signed request's body as it streams in, fed to its {@link BodyCheck} byte for byte, so that a service can
 * pass it on (e.g. to the blob store) without holding it and learn at the end whether it was the signed one.
 */
public final class SignedBody extends FilterInputStream {

  private final BodyCheck check;

  public SignedBody(InputStream in, BodyCheck check) {
    super(in);
    this.check = check;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      check.update(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      check.update(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] sink = new byte[(int) Math.min(n, 8192)];
    int read = read(sink, 0, sink.length);
    return Math.max(read, 0);
  }

  /** Whether the bytes read were the signed ones; call once, after the whole body was read. */
  public VerificationResult finish() {
    return check.finish();
  }

  /** Reads whatever the body still holds, so that the check covers all of it. */
  public void drain() throws IOException {
    byte[] sink = new byte[65536];
    while (read(sink, 0, sink.length) >= 0) {
      // hashing is the point
    }
  }
}
