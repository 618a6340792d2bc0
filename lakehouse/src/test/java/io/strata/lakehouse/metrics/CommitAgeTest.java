package io.strata.lakehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.lakehouse.tables.Catalogs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit age against a real JDBC catalog on SQLite, measured with a clock the test sets. */
class CommitAgeTest {

  private static final Schema SCHEMA = new Schema(Types.NestedField.required(1, "id", Types.StringType.get()));

  @TempDir
  Path temp;

  @Test
  void shouldBeNanBeforeTheFirstCommitThenTheSecondsSinceTheNewestSnapshot() throws Exception {
    Map<String, String> properties = Catalogs.sqliteProperties(temp.resolve("catalog.db"), temp.resolve("warehouse"));
    try (JdbcCatalog catalog = Catalogs.jdbcSqlite(temp.resolve("catalog.db"), temp.resolve("warehouse"))) {
      assertAges(catalog, properties);
    }
  }

  private void assertAges(Catalog catalog, Map<String, String> properties) {
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of("ns"));
    TableIdentifier first = TableIdentifier.of("ns", "first");
    TableIdentifier second = TableIdentifier.of("ns", "second");
    catalog.createTable(first, SCHEMA);
    Table secondTable = catalog.createTable(second, SCHEMA);
    IcebergSinkTables sink = new IcebergSinkTables("sink", "strata", properties,
        List.of(first, second, TableIdentifier.of("ns", "missing")));
    SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    try (CommitAge age = new CommitAge(() -> List.of(sink), s -> Catalogs.load(s.catalogName(), s.catalogProperties()),
        Duration.ofSeconds(5), clock)) {
      assertThat(age.ageSeconds()).as("no snapshot yet").isNaN();
      assertThat(age.tables()).as("the missing table does not count").isEqualTo(2.0);

      secondTable.newAppend().commit();
      long committed = catalog.loadTable(second).currentSnapshot().timestampMillis();
      clock.now = Instant.ofEpochMilli(committed).plusMillis(7_500);
      assertThat(age.ageSeconds()).isEqualTo(7.5);

      catalog.loadTable(first).newAppend().commit();
      clock.now = Instant.ofEpochMilli(committed).plusMillis(9_000);
      assertThat(age.ageSeconds()).as("within the refresh interval the newer commit is not seen yet, and the cached"
          + " commit time ages with the clock").isEqualTo(9.0);

      long newest = catalog.loadTable(first).currentSnapshot().timestampMillis();
      clock.now = Instant.ofEpochMilli(committed).plusMillis(13_000);
      assertThat(age.ageSeconds()).as("reloaded: the newest snapshot over all tables")
          .isEqualTo((committed + 13_000 - newest) / 1000.0);
    }
  }

  private static final class SettableClock extends Clock {
    Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
