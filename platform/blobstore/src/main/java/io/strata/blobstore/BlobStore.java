package io.strata.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed storage for large payloads (images, model artifacts): bytes are named by their
 * SHA-256 and stored once, so events carry a {@link BlobRef} instead of the bytes (claim check).
 *
 * <p>Implementations stream content; memory does not grow with the size of a blob. A blob is
 * durable before {@link #put} returns, so a caller may publish the reference right after. Hashes
 * passed in must be 64 lower-case hex characters, otherwise {@link IllegalArgumentException}.
 * Implementations are safe for concurrent use.
 */
public interface BlobStore {

  /**
   * Streams {@code content} to durable storage while computing its SHA-256. The stream is read but
   * not closed. An empty stream is stored as the blob of the empty hash; whether that is
   * acceptable is the caller's decision.
   *
   * @param content the bytes to store
   * @param maxBytes the largest accepted size in bytes, at least 0
   * @return the stored blob; {@link BlobRef#created()} is false when the same bytes were already
   *     stored (see the implementation for what it means under concurrent puts)
   * @throws BlobTooLargeException when the content exceeds {@code maxBytes}; nothing is stored
   * @throws IOException when reading the content or writing storage fails; nothing is stored
   */
  BlobRef put(InputStream content, long maxBytes) throws IOException;

  /** Returns the stored blob with this hash, with {@code created} false, or empty when absent. */
  Optional<BlobRef> find(String sha256) throws IOException;

  /**
   * Opens the blob with this hash for reading; the caller closes the stream.
   *
   * @throws BlobNotFoundException when no blob has this hash
   */
  InputStream open(String sha256) throws IOException;

  /** Tells whether a blob with this hash is stored. */
  boolean exists(String sha256) throws IOException;
}
