package io.strata.blobstore;

import java.io.IOException;

/** The content exceeded the size limit of a put; nothing was stored. An HTTP edge answers 413. */
public final class BlobTooLargeException extends IOException {

  private final long maxBytes;

  public BlobTooLargeException(long maxBytes) {
    super("Blob exceeds the limit of " + maxBytes + " bytes; nothing was stored");
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }
}
