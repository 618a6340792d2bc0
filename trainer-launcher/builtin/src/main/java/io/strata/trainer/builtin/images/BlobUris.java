package io.strata.trainer.builtin.images;

import io.strata.trainer.builtin.TrainingFailure;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The content hash of a blob URI: the blob stores name every blob by its SHA-256, the last path segment of its URI
 * ({@code file:/.../sha256/ab/abcd...} or {@code s3://bucket/prefix/abcd...}).
 */
public final class BlobUris {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private BlobUris() {}

  /**
   * @throws TrainingFailure when the URI does not end in a SHA-256
   */
  public static String sha256(String blobUri, String sampleId) {
    String path;
    try {
      path = URI.create(blobUri).getPath();
    } catch (IllegalArgumentException e) {
      path = null;
    }
    String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    if (!SHA256.matcher(last).matches()) {
      throw new TrainingFailure("Sample '" + sampleId + "' has blob URI '" + blobUri
          + "', which does not end in a SHA-256: it was not stored by a Strata blob store");
    }
    return last;
  }
}
