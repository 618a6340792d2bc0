package io.strata.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.lakehouse.catalog.RestCatalogServer;
import io.strata.lakehouse.tables.Catalogs;
import io.strata.observability.metrics.ComponentMetrics;
import io.strata.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST catalog by configuration only: the sink worker, given {@code catalog.type=rest}, the server's
 * {@code uri} and a {@code token}, creates its namespace and tables and commits its rows through Strata's own
 * Iceberg REST catalog server ({@link RestCatalogServer}, over a SQLite JDBC catalog); a REST client opened from
 * the same properties reads the rows, and the JDBC catalog underneath holds the same tables.
 */
class RestCatalogIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String TOKEN = UUID.randomUUID().toString();

  @TempDir
  Path temp;

  @Test
  void shouldCreateTablesAndCommitRowsThroughTheRestCatalog() throws Exception {
    SinkFixture fixture = new SinkFixture(temp);
    SourceTopic samples = fixture.copyOf(Topics.SAMPLES, 2);
    SourceTopic apiCalls = fixture.copyOf(Topics.API_CALLS, 1);
    String sample = UUID.randomUUID().toString();
    String apiCall = UUID.randomUUID().toString();

    try (JdbcCatalog backing = fixture.catalog();
        ComponentMetrics metrics = ComponentMetrics.create(RestCatalogServer.COMPONENT);
        RestCatalogServer server = RestCatalogServer.start(backing, "127.0.0.1", 0, TOKEN, metrics)) {
      Map<String, String> rest = Map.of(
          CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_REST,
          CatalogProperties.URI, server.uri().toString(),
          "token", TOKEN);

      try (var worker = LakehouseSinkWorker.start(fixture.settings(Duration.ofSeconds(1)).withCatalog(rest))) {
        LakehouseSinkIT.produce(fixture, samples, sample);
        LakehouseSinkIT.produce(fixture, apiCalls, apiCall);
        Catalog reader = Catalogs.load("via-rest", rest);
        try {
          List<Record> sampleRows = await().atMost(WAIT)
              .until(() -> SinkFixture.rows(reader, fixture.table(samples)), r -> !r.isEmpty());
          List<Record> apiCallRows = await().atMost(WAIT)
              .until(() -> SinkFixture.rows(reader, fixture.table(apiCalls)), r -> !r.isEmpty());

          assertThat(sampleRows).extracting(r -> r.getField("eventId")).containsExactly(sample);
          assertThat(apiCallRows).extracting(r -> r.getField("eventId")).containsExactly(apiCall);
        } finally {
          ((AutoCloseable) reader).close();
        }
      }
      assertThat(SinkFixture.rows(backing, fixture.table(samples))).as("rows seen through the JDBC catalog")
          .extracting(r -> r.getField("eventId")).containsExactly(sample);
      assertThat(backing.loadTable(fixture.table(apiCalls)).spec().fields())
          .as("the table's partitioning, created through the REST catalog").isNotEmpty();
    }
  }
}
