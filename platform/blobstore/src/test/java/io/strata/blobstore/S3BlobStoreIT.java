package io.strata.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link S3BlobStore} against a real S3 server in this JVM (S3Proxy over jclouds' in-memory backend). */
class S3BlobStoreIT {

  private static final String ACCESS_KEY = "strata-test";
  private static final String SECRET_KEY = "strata-test-secret";
  private static final String BUCKET = "strata-blobs";
  private static final long MB = 1024 * 1024;

  private static S3Proxy server;
  private static BlobStoreContext backend;
  private static S3Location location;
  private static S3Client client;

  @TempDir
  Path spool;

  @BeforeAll
  static void startServer() throws Exception {
    backend = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(new Properties()).build(BlobStoreContext.class);
    server = S3Proxy.builder()
        .blobStore(backend.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    server.start();
    while (!AbstractLifeCycle.STARTED.equals(server.getState())) {
      Thread.sleep(10);
    }
    location = new S3Location(BUCKET, "tenant-blobs/", URI.create("http://127.0.0.1:" + server.getPort()),
        "us-east-1", true);
    client = BlobStores.s3Client(location, ACCESS_KEY, SECRET_KEY);
    client.createBucket(request -> request.bucket(BUCKET));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
    }
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void shouldStoreBytesUnderTheirHashAndReadThemBack() throws IOException {
    var store = new S3BlobStore(client, location, spool);
    byte[] bytes = "a cat on a mat, in a bucket".getBytes(StandardCharsets.UTF_8);

    BlobRef ref = store.put(new ByteArrayInputStream(bytes), MB);

    assertThat(ref.sha256()).isEqualTo(sha256(bytes));
    assertThat(ref.created()).isTrue();
    assertThat(ref.sizeBytes()).isEqualTo(bytes.length);
    assertThat(ref.uri()).isEqualTo(URI.create("s3://" + BUCKET + "/tenant-blobs/sha256/"
        + ref.sha256().substring(0, 2) + "/" + ref.sha256()));
    try (InputStream in = store.open(ref.sha256())) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
    assertThat(store.exists(ref.sha256())).isTrue();
    assertThat(store.find(ref.sha256())).contains(new BlobRef(ref.sha256(), bytes.length, ref.uri(), false));
    // The object really is in the bucket under the content-addressed key.
    assertThat(client.headObject(request -> request.bucket(BUCKET)
        .key("tenant-blobs/sha256/" + ref.sha256().substring(0, 2) + "/" + ref.sha256())).contentLength())
        .isEqualTo(bytes.length);
  }

  @Test
  void shouldStoreTheSameBytesOnce() throws IOException {
    var store = new S3BlobStore(client, location, spool);
    byte[] bytes = "stored once".getBytes(StandardCharsets.UTF_8);

    BlobRef first = store.put(new ByteArrayInputStream(bytes), MB);
    BlobRef second = store.put(new ByteArrayInputStream(bytes), MB);

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(second.uri()).isEqualTo(first.uri());
  }

  @Test
  void shouldStreamALargeBlobThroughTheSpoolAndLeaveNoSpoolFile() throws IOException {
    var store = new S3BlobStore(client, location, spool);
    long size = 24 * MB + 17;

    BlobRef ref = store.put(new GeneratedStream(size, 7), 64 * MB);

    assertThat(ref.sizeBytes()).isEqualTo(size);
    assertThat(ref.sha256()).isEqualTo(LocalBlobStoreTest.sha256(new GeneratedStream(size, 7)));
    assertThat(store.find(ref.sha256()).orElseThrow().sizeBytes()).isEqualTo(size);
    try (Stream<Path> files = Files.list(spool)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void shouldRefuseContentOverTheLimitAndStoreNothing() throws IOException {
    var store = new S3BlobStore(client, location, spool);
    byte[] bytes = new byte[2049];
    bytes[0] = 42;

    assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes), 2048))
        .isInstanceOf(BlobTooLargeException.class);

    assertThat(store.exists(sha256(bytes))).isFalse();
    try (Stream<Path> files = Files.list(spool)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void shouldReportAMissingBlob() throws IOException {
    var store = new S3BlobStore(client, location, spool);
    String absent = sha256("never stored".getBytes(StandardCharsets.UTF_8));

    assertThat(store.exists(absent)).isFalse();
    assertThat(store.find(absent)).isEmpty();
    assertThatThrownBy(() -> store.open(absent)).isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void shouldExplainAFailureToReachTheBucket() throws IOException {
    var missingBucket = new S3Location("no-such-bucket", "", location.endpoint(), "us-east-1", true);
    try (var otherClient = BlobStores.s3Client(missingBucket, ACCESS_KEY, SECRET_KEY)) {
      var store = new S3BlobStore(otherClient, missingBucket, spool);

      assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[] {1, 2, 3}), MB))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("s3://no-such-bucket/sha256/")
          .hasMessageContaining("check the bucket exists");
    }
  }

  @Test
  void shouldOpenAnS3StoreFromItsUri() throws IOException {
    S3Location parsed = BlobStores.s3Location(
        URI.create("s3://my-bucket/strata/blobs?endpoint=http://minio:9000&region=eu-west-1&path-style=true"));

    assertThat(parsed).isEqualTo(new S3Location("my-bucket", "strata/blobs/", URI.create("http://minio:9000"),
        "eu-west-1", true));
    assertThat(BlobStores.open(spool.resolve("local").toString(), spool)).isInstanceOf(LocalBlobStore.class);
    assertThat(BlobStores.open(spool.resolve("local2").toUri().toString(), spool)).isInstanceOf(LocalBlobStore.class);
    assertThatThrownBy(() -> BlobStores.s3Location(URI.create("s3://b/p?secret=x")))
        .hasMessageContaining("Unknown S3 blob store option 'secret'");
    assertThatThrownBy(() -> BlobStores.open("gs://bucket/x", spool)).hasMessageContaining("Unsupported blob store");
  }

  private static String sha256(byte[] bytes) throws IOException {
    return LocalBlobStoreTest.sha256(bytes);
  }
}
