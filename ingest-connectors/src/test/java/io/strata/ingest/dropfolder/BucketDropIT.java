package io.strata.ingest.dropfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.blobstore.BlobStores;
import io.strata.blobstore.S3Location;
import io.strata.events.IngestRejection;
import io.strata.events.RejectionReason;
import io.strata.ingest.gateway.TestImages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The connector watching an S3 prefix of a real S3 server in this JVM (S3Proxy, in-memory backend). */
class BucketDropIT {

  private static final String ACCESS_KEY = "strata-test";
  private static final String SECRET_KEY = "strata-test-secret";
  private static final String BUCKET = "drops";

  @Test
  void shouldIngestObjectsUnderThePrefixAndMoveThemExactlyOnce() throws Exception {
    BlobStoreContext backend = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(new Properties()).build(BlobStoreContext.class);
    S3Proxy server = S3Proxy.builder().blobStore(backend.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    server.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> AbstractLifeCycle.STARTED.equals(server.getState()));
    String endpoint = "http://127.0.0.1:" + server.getPort();
    try (var fixture = new DropFolderFixture();
        S3Client s3 = BlobStores.s3Client(new S3Location(BUCKET, "", URI.create(endpoint), "us-east-1", true),
            ACCESS_KEY, SECRET_KEY)) {
      s3.createBucket(r -> r.bucket(BUCKET));
      byte[] png = TestImages.png(41);
      put(s3, "acme/in/cat.png", png);
      put(s3, "acme/in/dog.jpg", TestImages.jpeg(42));
      put(s3, "acme/in/readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
      put(s3, "acme/in/nested/ignored.png", TestImages.png(43));
      put(s3, "other/cat.png", TestImages.png(44));

      var config = new HashMap<>(DropFolderConnectorConfig.forBucket("bucket", "acme", BUCKET, "acme/in/",
          Optional.of(endpoint), true, fixture.blobs.toString(), DropFolderFixture.registryUrl()));
      config.put(DropFolderConnectorConfig.S3_ACCESS_KEY, ACCESS_KEY);
      config.put(DropFolderConnectorConfig.S3_SECRET_KEY, SECRET_KEY);
      config.put(DropFolderConnectorConfig.STABLE_MS, "0");
      config.put(DropFolderConnectorConfig.SAMPLES_TOPIC, fixture.samplesTopic);
      config.put(DropFolderConnectorConfig.REJECTIONS_TOPIC, fixture.rejectionsTopic);

      try (ConnectWorker worker = fixture.startWorker()) {
        worker.put("bucket", config, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(keys(s3, "acme/in/"))
            .containsExactlyInAnyOrder("acme/in/nested/ignored.png", "acme/in/processed/cat.png",
                "acme/in/processed/dog.jpg", "acme/in/rejected/readme.txt", "acme/in/rejected/readme.txt.reason.txt"));
      }
      try (ConnectWorker worker = fixture.startWorker()) {
        put(s3, "acme/in/bird.gif", TestImages.gif(45));
        await().atMost(Duration.ofSeconds(60)).until(() -> keys(s3, "acme/in/processed/").size() == 3);
      }

      assertThat(fixture.samples()).extracting(e -> e.getUploaded().getOriginalFilename().toString())
          .containsExactlyInAnyOrder("cat.png", "dog.jpg", "bird.gif");
      assertThat(fixture.samples()).allSatisfy(e -> assertThat(e.getUploaded().getSource()).isEqualTo("drop-folder:bucket"));
      List<IngestRejection> rejections = fixture.rejections();
      assertThat(rejections).singleElement().satisfies(r -> {
        assertThat(r.getFilename()).isEqualTo("readme.txt");
        assertThat(r.getReason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
      });
      String reason = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("acme/in/rejected/readme.txt.reason.txt"))
          .asString(StandardCharsets.UTF_8);
      assertThat(reason).startsWith("UNSUPPORTED_TYPE: ");
    } finally {
      server.stop();
      backend.close();
    }
  }

  private static void put(S3Client s3, String key, byte[] bytes) {
    s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  private static List<String> keys(S3Client s3, String prefix) {
    return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }
}
