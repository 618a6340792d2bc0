package io.strata.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link BlobStore} in S3-compatible object storage: blobs live at {@code s3://<bucket>/<prefix>sha256/<aa>/<hash>}.
 *
 * <p>A put streams the content to a local spool file while hashing it (the key is the hash, which is known
 * only at the end), then uploads the file unless an object with that key exists. The upload carries
 * {@code Content-MD5}, so the store refuses bytes damaged on the way; S3 (and MinIO, Ceph RGW) acknowledge
 * a PUT only once the object is durable, so a blob is durable when {@link #put} returns.
 *
 * <p>Two puts of the same new bytes at the same moment may both upload and both report
 * {@code created=true}; the object is written with identical content either way.
 */
public final class S3BlobStore implements BlobStore {

  private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

  private final S3Client s3;
  private final S3Location location;
  private final SpoolDirectory spool;

  /**
   * @param s3 the client, configured for {@code location}'s endpoint and region (see {@link BlobStores})
   * @param location bucket and key prefix
   * @param spoolDirectory a local directory for content in transit; stale files there are deleted
   */
  public S3BlobStore(S3Client s3, S3Location location, Path spoolDirectory) throws IOException {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.location = Objects.requireNonNull(location, "location");
    this.spool = new SpoolDirectory(spoolDirectory);
    spool.sweepStale(Clock.systemUTC(), LocalBlobStore.DEFAULT_STALE_SPOOL_AGE);
  }

  @Override
  public BlobRef put(InputStream content, long maxBytes) throws IOException {
    Objects.requireNonNull(content, "content");
    Path temp = spool.newFile();
    try {
      MessageDigest md5 = md5();
      HashingCopy.Result copied;
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        copied = HashingCopy.copy(content, out, maxBytes, md5);
      }
      String key = location.keyOf(copied.sha256());
      if (head(key).isPresent()) {
        return new BlobRef(copied.sha256(), copied.sizeBytes(), location.uriOf(copied.sha256()), false);
      }
      String contentMd5 = Base64.getEncoder().encodeToString(md5.digest());
      call("upload", key, () -> s3.putObject(request -> request
          .bucket(location.bucket())
          .key(key)
          .contentLength(copied.sizeBytes())
          .contentMD5(contentMd5)
          .contentType("application/octet-stream"), RequestBody.fromFile(temp)));
      log.debug("Blob uploaded: bucket={} key={} bytes={}", location.bucket(), key, copied.sizeBytes());
      return new BlobRef(copied.sha256(), copied.sizeBytes(), location.uriOf(copied.sha256()), true);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<BlobRef> find(String sha256) throws IOException {
    return head(location.keyOf(sha256))
        .map(head -> new BlobRef(sha256, head.contentLength(), location.uriOf(sha256), false));
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    String key = location.keyOf(sha256);
    try {
      return s3.getObject(request -> request.bucket(location.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      throw new BlobNotFoundException(sha256);
    } catch (SdkException e) {
      throw failure("download", key, e);
    }
  }

  @Override
  public boolean exists(String sha256) throws IOException {
    return head(location.keyOf(sha256)).isPresent();
  }

  private Optional<HeadObjectResponse> head(String key) throws IOException {
    try {
      return Optional.of(s3.headObject(request -> request.bucket(location.bucket()).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("look up", key, e);
    } catch (SdkException e) {
      throw failure("look up", key, e);
    }
  }

  private void call(String action, String key, Runnable request) throws IOException {
    try {
      request.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (SdkException e) {
      throw failure(action, key, e);
    }
  }

  private IOException failure(String action, String key, SdkException e) {
    return new IOException("S3 blob store could not " + action + " s3://" + location.bucket() + "/" + key
        + ": " + e.getMessage() + " (check the bucket exists, the endpoint and the credentials)", e);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every Java platform", e);
    }
  }
}
