package io.strata.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.lakehouse.tables.Catalogs;
import io.strata.schemas.topics.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3 warehouse by configuration only: the sink worker, given Iceberg's S3FileIO and an endpoint in its
 * {@code catalog.*} properties, writes data and metadata files to a real S3 server in this JVM (S3Proxy over
 * jclouds' in-memory store), and a catalog opened from the same properties reads the rows back.
 */
class S3WarehouseIT {

  private static final String ACCESS_KEY = "strata-lakehouse";
  private static final String SECRET_KEY = "strata-lakehouse-secret";
  private static final String BUCKET = "strata-warehouse";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static BlobStoreContext backend;
  private static S3Proxy server;

  @TempDir
  Path temp;

  @BeforeAll
  static void startS3() throws Exception {
    // S3Proxy, like older MinIO and Ceph releases, refuses the AWS SDK's default flexible checksums; the SDK's
    // own setting (AWS_REQUEST_CHECKSUM_CALCULATION in a worker's environment) sends them only where required.
    System.setProperty("aws.requestChecksumCalculation", "when_required");
    System.setProperty("aws.responseChecksumValidation", "when_required");
    backend = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(new Properties()).build(BlobStoreContext.class);
    backend.getBlobStore().createContainerInLocation(null, BUCKET);
    server = S3Proxy.builder()
        .blobStore(backend.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    server.start();
    while (!AbstractLifeCycle.STARTED.equals(server.getState())) {
      Thread.sleep(10);
    }
  }

  @AfterAll
  static void stopS3() throws Exception {
    System.clearProperty("aws.requestChecksumCalculation");
    System.clearProperty("aws.responseChecksumValidation");
    if (server != null) {
      server.stop();
    }
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void shouldCommitRowsWhoseFilesLieInTheBucket() throws Exception {
    SinkFixture fixture = new SinkFixture(temp);
    SourceTopic topic = fixture.copyOf(Topics.SAMPLES, 2);
    Map<String, String> catalog = s3Catalog(temp.resolve("catalog.db"));
    String eventId = UUID.randomUUID().toString();

    try (var worker = LakehouseSinkWorker.start(fixture.settings(Duration.ofSeconds(1)).withCatalog(catalog))) {
      LakehouseSinkIT.produce(fixture, topic, eventId);
      Catalog reader = Catalogs.load(Catalogs.CATALOG_NAME, catalog);
      try {
        List<Record> rows = await().atMost(WAIT).until(() -> SinkFixture.rows(reader, fixture.table(topic)),
            r -> !r.isEmpty());

        assertThat(rows).extracting(r -> r.getField("eventId")).containsExactly(eventId);
        Table table = reader.loadTable(fixture.table(topic));
        assertThat(table.location()).startsWith("s3://" + BUCKET + "/warehouse/");
        try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
          assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(file.file().location())
              .startsWith("s3://" + BUCKET + "/warehouse/"));
        }
        assertThat(backend.getBlobStore().list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder
            .recursive().prefix("warehouse/"))).as("metadata and data files in the bucket").isNotEmpty();
      } finally {
        if (reader instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
  }

  /** The embedded SQLite catalog with its warehouse moved to the bucket: configuration only. */
  private static Map<String, String> s3Catalog(Path sqliteFile) {
    Map<String, String> properties = new LinkedHashMap<>(Catalogs.sqliteProperties(sqliteFile, sqliteFile));
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, "s3://" + BUCKET + "/warehouse");
    properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    properties.put("s3.endpoint", "http://127.0.0.1:" + server.getPort());
    properties.put("s3.path-style-access", "true");
    properties.put("s3.access-key-id", ACCESS_KEY);
    properties.put("s3.secret-access-key", SECRET_KEY);
    properties.put("client.region", "us-east-1");
    properties.put("http-client.type", "urlconnection");
    properties.put("s3.client-factory-impl", "org.apache.iceberg.aws.s3.DefaultS3FileIOAwsClientFactory");
    properties.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC);
    return Map.copyOf(properties);
  }
}
