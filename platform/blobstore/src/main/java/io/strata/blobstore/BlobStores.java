package io.strata.blobstore;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens a {@link BlobStore} from one configuration string, so that the local default and object storage
 * differ by configuration only:
 *
 * <ul>
 *   <li>{@code /var/strata/blobs} or {@code file:/var/strata/blobs}: a {@link LocalBlobStore};
 *   <li>{@code s3://bucket/prefix/?endpoint=http://minio:9000&region=us-east-1&path-style=true}: an
 *       {@link S3BlobStore}; {@code endpoint} and {@code path-style} are for S3-compatible stores, {@code region}
 *       defaults to {@code us-east-1}. Credentials come from the AWS default chain (environment
 *       {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profile, instance role), never from the URI.
 * </ul>
 */
public final class BlobStores {

  private static final Set<String> S3_OPTIONS = Set.of("endpoint", "region", "path-style");

  private BlobStores() {
  }

  /**
   * @param location a local path, a {@code file:} URI or an {@code s3://} URI as above
   * @param spoolDirectory where an object store spools content in transit (unused by a local store)
   */
  public static BlobStore open(String location, Path spoolDirectory) throws IOException {
    if (location.startsWith("s3://")) {
      S3Location s3 = s3Location(URI.create(location));
      return new S3BlobStore(s3Client(s3, DefaultCredentialsProvider.builder().build()), s3, spoolDirectory);
    }
    if (location.startsWith("file:")) {
      return new LocalBlobStore(Path.of(URI.create(location)));
    }
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException("Unsupported blob store '" + location
          + "': use a local directory, a file: URI or an s3://bucket/prefix/ URI");
    }
    return new LocalBlobStore(Path.of(location));
  }

  /** Parses {@code s3://bucket/prefix/?endpoint=...&region=...&path-style=true}. */
  static S3Location s3Location(URI uri) {
    String bucket = uri.getHost();
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("S3 blob store URI '" + uri + "' names no bucket: use s3://bucket/prefix/");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String prefix = path.startsWith("/") ? path.substring(1) : path;
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    Map<String, String> options = query(uri);
    String endpoint = options.get("endpoint");
    return new S3Location(bucket, prefix, endpoint == null ? null : URI.create(endpoint),
        options.getOrDefault("region", "us-east-1"), Boolean.parseBoolean(options.getOrDefault("path-style", "false")));
  }

  /**
   * A client for {@code location} with the JDK's HTTP client. Checksums are sent and validated only where the
   * S3 API requires them, since several S3-compatible stores reject the SDK's newer default trailers; uploads
   * carry Content-MD5 instead (see {@link S3BlobStore}).
   */
  public static S3Client s3Client(S3Location location, AwsCredentialsProvider credentials) {
    var builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(location.region()))
        .credentialsProvider(credentials)
        .forcePathStyle(location.pathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    location.endpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** A client with fixed credentials, e.g. for a MinIO started next to Strata. */
  public static S3Client s3Client(S3Location location, String accessKey, String secretKey) {
    return s3Client(location, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> options = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return options;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (!S3_OPTIONS.contains(name)) {
        throw new IllegalArgumentException("Unknown S3 blob store option '" + name + "' in '" + uri
            + "': the options are " + S3_OPTIONS + "; credentials come from the AWS default chain");
      }
      options.put(name, value);
    }
    return options;
  }
}
