package io.strata.blobstore;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an {@link S3BlobStore} keeps blobs, and how to reach it: a bucket and a key prefix, plus an
 * endpoint for S3-compatible stores (MinIO, Ceph RGW), which usually also want path-style addressing.
 *
 * @param bucket the bucket, which must exist
 * @param prefix prepended to every key ({@code ""} or ending in {@code /}), e.g. {@code strata/blobs/}
 * @param endpoint the service endpoint, or null for AWS S3 itself
 * @param region the signing region, e.g. {@code us-east-1}
 * @param pathStyle true for {@code http://host/bucket/key} addressing instead of virtual-hosted buckets
 */
public record S3Location(String bucket, String prefix, URI endpoint, String region, boolean pathStyle) {

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(region, "region");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("S3 bucket must not be blank");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("S3 key prefix must be empty or end with '/', got '" + prefix + "'");
    }
    if (prefix.startsWith("/")) {
      throw new IllegalArgumentException("S3 key prefix must not start with '/', got '" + prefix + "'");
    }
  }

  /** The endpoint, when not AWS S3 itself. */
  public Optional<URI> endpointOverride() {
    return Optional.ofNullable(endpoint);
  }

  /** The object key of the blob with this hash: {@code <prefix>sha256/<aa>/<hash>}. */
  String keyOf(String sha256) {
    Sha256.requireValid(sha256);
    return prefix + "sha256/" + sha256.substring(0, 2) + "/" + sha256;
  }

  /** The URI events carry: {@code s3://<bucket>/<key>}. */
  URI uriOf(String sha256) {
    return URI.create("s3://" + bucket + "/" + keyOf(sha256));
  }
}
