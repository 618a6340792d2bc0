package io.strata.blobstore;

import java.net.URI;
import java.util.Objects;

/**
 * A stored blob: what events carry instead of the bytes.
 *
 * @param sha256 the SHA-256 of the content, 64 lower-case hex characters
 * @param sizeBytes the size of the content in bytes
 * @param uri where the store keeps the content ({@code file:} for a local store)
 * @param created true when this call stored the bytes, false when they were already stored
 */
public record BlobRef(String sha256, long sizeBytes, URI uri, boolean created) {

  public BlobRef {
    Sha256.requireValid(sha256);
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("Blob size must be >= 0, got " + sizeBytes);
    }
    Objects.requireNonNull(uri, "uri");
  }
}
