package io.strata.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.lakehouse.tables.Catalogs;
import io.strata.schemas.topics.Topics;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL JDBC catalog by configuration only: the sink worker, given {@code catalog.uri=jdbc:postgresql:...}
 * and the user, creates its tables and commits rows in a real PostgreSQL server ({@link LocalPostgres}, from the
 * machine's PostgreSQL binaries, which {@code .ci/run} installs), and a catalog opened from the same properties
 * reads them back.
 */
class PostgresCatalogIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private static LocalPostgres postgres;

  @TempDir
  Path temp;

  @BeforeAll
  static void startPostgres() throws Exception {
    Optional<Path> binaries = LocalPostgres.binaries();
    assumeTrue(binaries.isPresent(), "PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql; "
        + ".ci/run does this), so the PostgreSQL catalog cannot be tested here");
    postgres = LocalPostgres.start(binaries.get());
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void shouldKeepTheTablesInPostgresqlAndCommitRowsThere() throws Exception {
    SinkFixture fixture = new SinkFixture(temp);
    SourceTopic samples = fixture.copyOf(Topics.SAMPLES, 2);
    SourceTopic labels = fixture.copyOf(Topics.LABELS, 1);
    Map<String, String> catalog = Map.of(
        CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC,
        CatalogProperties.URI, postgres.jdbcUrl(),
        "jdbc.user", "postgres",
        "jdbc.schema-version", "V1",
        CatalogProperties.WAREHOUSE_LOCATION, temp.resolve("warehouse").toUri().toString());
    String sample = UUID.randomUUID().toString();
    String label = UUID.randomUUID().toString();

    try (var worker = LakehouseSinkWorker.start(fixture.settings(Duration.ofSeconds(1)).withCatalog(catalog))) {
      LakehouseSinkIT.produce(fixture, samples, sample);
      LakehouseSinkIT.produce(fixture, labels, label);
      Catalog reader = Catalogs.load(Catalogs.CATALOG_NAME, catalog);
      try {
        List<Record> sampleRows = await().atMost(WAIT).until(() -> SinkFixture.rows(reader, fixture.table(samples)),
            r -> !r.isEmpty());
        List<Record> labelRows = await().atMost(WAIT).until(() -> SinkFixture.rows(reader, fixture.table(labels)),
            r -> !r.isEmpty());

        assertThat(sampleRows).extracting(r -> r.getField("eventId")).containsExactly(sample);
        assertThat(labelRows).extracting(r -> r.getField("eventId")).containsExactly(label);
      } finally {
        if (reader instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
    try (var connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
        var statement = connection.prepareStatement(
            "SELECT table_name, metadata_location FROM iceberg_tables WHERE catalog_name = ? AND table_namespace = ?")) {
      statement.setString(1, Catalogs.CATALOG_NAME);
      statement.setString(2, fixture.namespace);
      try (var result = statement.executeQuery()) {
        List<String> tables = new java.util.ArrayList<>();
        while (result.next()) {
          tables.add(result.getString(1));
          assertThat(result.getString(2)).as("metadata pointer").contains(temp.resolve("warehouse").toString());
        }
        assertThat(tables).as("the catalog's rows in PostgreSQL")
            .contains(fixture.table(samples).name(), fixture.table(labels).name());
      }
    }
  }
}
