package io.strata.blobstore;

import java.io.IOException;

/** No blob is stored under the requested SHA-256. */
public final class BlobNotFoundException extends IOException {

  private final String sha256;

  public BlobNotFoundException(String sha256) {
    super("No blob with sha256 " + sha256 + " in the blob store");
    this.sha256 = sha256;
  }

  public String sha256() {
    return sha256;
  }
}
