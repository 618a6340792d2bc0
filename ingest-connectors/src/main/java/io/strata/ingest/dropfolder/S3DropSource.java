package io.strata.ingest.dropfolder;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 prefix: the objects directly under it (not under {@code <prefix>processed/} or {@code <prefix>rejected/}).
 * A move is a copy then a delete, as S3 has no rename.
 */
final class S3DropSource implements DropSource {

  private final S3Client client;
  private final String bucket;
  private final String prefix;

  S3DropSource(S3Client client, String bucket, String prefix) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }

  @Override
  public List<DroppedFile> list() {
    var files = new ArrayList<DroppedFile>();
    var request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build();
    for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
      String name = object.key().substring(prefix.length());
      if (!name.isEmpty() && !name.startsWith(".") && !name.contains("/")) {
        files.add(new DroppedFile(name, object.size(), object.lastModified().toEpochMilli()));
      }
    }
    return files;
  }

  @Override
  public InputStream open(DroppedFile file) {
    return client.getObject(r -> r.bucket(bucket).key(prefix + file.name()));
  }

  @Override
  public void moveTo(DroppedFile file, String folder) {
    String source = prefix + file.name();
    try {
      client.copyObject(r -> r.sourceBucket(bucket).sourceKey(source).destinationBucket(bucket)
          .destinationKey(prefix + folder + "/" + file.name()));
    } catch (NoSuchKeyException e) {
      return;
    }
    client.deleteObject(r -> r.bucket(bucket).key(source));
  }

  @Override
  public void writeReason(DroppedFile file, String folder, String reason) {
    client.putObject(r -> r.bucket(bucket).key(prefix + folder + "/" + file.name() + ".reason.txt"),
        RequestBody.fromBytes((reason + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
