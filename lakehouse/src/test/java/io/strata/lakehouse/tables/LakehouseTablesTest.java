package io.strata.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.LabelEvent;
import io.strata.schemas.topics.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.SchemaBuilder;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseTablesTest {

  private static final Namespace NS = Namespace.of(TableNames.DEFAULT_NAMESPACE);

  @TempDir Path dir;
  private JdbcCatalog catalog;

  @BeforeEach
  void openCatalog() {
    catalog = Catalogs.jdbcSqlite(dir.resolve("catalog.db"), dir.resolve("warehouse"));
  }

  @AfterEach
  void closeCatalog() throws Exception {
    catalog.close();
  }

  @Test
  void shouldCreateOneTablePerAvroTopicWithItsSchemaAndSpec() {
    LakehouseTables.Report report = LakehouseTables.ensure(catalog, NS);

    assertThat(report.created()).hasSize(Topics.avro().size());
    assertThat(report.evolved()).isEmpty();
    assertThat(report.unchanged()).isEmpty();
    assertThat(catalog.listTables(NS)).extracting(TableIdentifier::name)
        .containsExactlyInAnyOrder("samples", "ingest_rejections", "labels", "datasets", "dataset_version_items",
            "training_jobs", "models", "tenants", "apps", "api_calls", "predictions", "drift_reports", "prices",
            "usage", "invoices", "trainers");
    for (TableDefinition definition : TableDefinition.forCatalog(NS)) {
      Table table = catalog.loadTable(definition.identifier());
      assertThat(table.schema().asStruct()).as("schema of %s, ids included", definition.topic())
          .isEqualTo(definition.schema().asStruct());
      assertThat(table.spec().fields()).extracting(PartitionField::name, f -> f.transform().toString())
          .containsExactlyElementsOf(definition.spec().fields().stream()
              .map(f -> org.assertj.core.groups.Tuple.tuple(f.name(), f.transform().toString())).toList());
      assertThat(((HasTableOperations) table).operations().current().formatVersion()).isEqualTo(2);
      assertThat(table.properties()).containsEntry("write.format.default", "parquet");
    }
    Table apiCalls = catalog.loadTable(TableIdentifier.of(NS, "api_calls"));
    assertThat(apiCalls.spec().fields()).extracting(PartitionField::name)
        .containsExactly("occurredAt_day", "tenantId");
  }

  @Test
  void shouldChangeNothingWhenRunTwice() {
    LakehouseTables.ensure(catalog, NS);
    List<Long> snapshotsAndSchemas = metadataState();

    LakehouseTables.Report second = LakehouseTables.ensure(catalog, NS);

    assertThat(second.created()).isEmpty();
    assertThat(second.evolved()).isEmpty();
    assertThat(second.unchanged()).hasSize(Topics.avro().size());
    assertThat(metadataState()).isEqualTo(snapshotsAndSchemas);
  }

  @Test
  void shouldAddANewFieldWithDefaultAsOptionalColumnKeepingTheOldOnes() {
    LakehouseTables.ensure(catalog, NS);
    TableIdentifier labels = TableIdentifier.of(NS, "labels");
    Schema before = catalog.loadTable(labels).schema();

    org.apache.avro.Schema evolved = withExtraField(LabelEvent.getClassSchema());
    List<TableDefinition> definitions = new ArrayList<>(TableDefinition.forCatalog(NS));
    definitions.replaceAll(d -> d.topic().equals("labels") ? TableDefinition.of(NS, "labels", evolved) : d);
    LakehouseTables.Report report = LakehouseTables.ensure(catalog, NS, definitions);

    assertThat(report.evolved()).containsExactly(labels);
    assertThat(report.unchanged()).hasSize(Topics.avro().size() - 1);
    Schema after = catalog.loadTable(labels).schema();
    for (NestedField old : before.columns()) {
      assertThat(after.findField(old.fieldId())).as(old.name()).isEqualTo(old);
    }
    NestedField added = after.findField("reviewRound");
    assertThat(added.isOptional()).isTrue();
    assertThat(added.type()).isEqualTo(Types.IntegerType.get());
    assertThat(added.fieldId()).isGreaterThan(before.highestFieldId());
    List<String> names = after.columns().stream().map(NestedField::name).toList();
    assertThat(names.subList(names.size() - 5, names.size()))
        .containsExactly("reviewRound", "_kafka_topic", "_kafka_partition", "_kafka_offset", "_kafka_append_time");

    assertThat(LakehouseTables.ensure(catalog, NS, definitions).unchanged()).hasSize(Topics.avro().size());
  }

  @Test
  void shouldTurnDictionaryEncodingOffForColumnsUniquePerRowOnlyAndAddItToOlderTables() {
    LakehouseTables.ensure(catalog, NS);
    TableIdentifier apiCalls = TableIdentifier.of(NS, "api_calls");
    String prefix = TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX;

    assertThat(catalog.loadTable(apiCalls).properties())
        .containsEntry(prefix + "eventId", "false").containsEntry(prefix + "requestId", "false")
        .containsEntry(prefix + "occurredAt", "false").containsEntry(prefix + "_kafka_offset", "false")
        .doesNotContainKeys(prefix + "tenantId", prefix + "appKey", prefix + "api");

    // A table made before these properties existed gets them on the next ensure, and nothing else changes.
    var update = catalog.loadTable(apiCalls).updateProperties();
    catalog.loadTable(apiCalls).properties().keySet().stream().filter(key -> key.startsWith(prefix))
        .forEach(update::remove);
    update.commit();
    LakehouseTables.Report report = LakehouseTables.ensure(catalog, NS);

    assertThat(report.evolved()).containsExactly(apiCalls);
    assertThat(catalog.loadTable(apiCalls).properties()).containsEntry(prefix + "eventId", "false");
  }

  @Test
  void shouldPutTheSqliteCatalogInWalMode() throws Exception {
    LakehouseTables.ensure(catalog, NS);

    try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
        ResultSet mode = plain.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(mode.next()).isTrue();
      assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void shouldLetTwoProcessesEnsureTheSameSqliteCatalogAtOnce() throws Exception {
    try (JdbcCatalog other = Catalogs.jdbcSqlite(dir.resolve("catalog.db"), dir.resolve("warehouse"))) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<LakehouseTables.Report> first = pool.submit(() -> LakehouseTables.ensure(catalog, NS));
        Future<LakehouseTables.Report> second = pool.submit(() -> LakehouseTables.ensure(other, NS));
        List<TableIdentifier> created = new ArrayList<>(first.get(60, TimeUnit.SECONDS).created());
        created.addAll(second.get(60, TimeUnit.SECONDS).created());

        assertThat(created).hasSize(Topics.avro().size()).doesNotHaveDuplicates();
        assertThat(catalog.listTables(NS)).hasSize(Topics.avro().size());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private List<Long> metadataState() {
    List<Long> state = new ArrayList<>();
    for (TableIdentifier id : catalog.listTables(NS)) {
      Table table = catalog.loadTable(id);
      state.add((long) table.schemas().size());
      state.add((long) ((HasTableOperations) table).operations().current().metadataFileLocation()
          .hashCode());
    }
    return state;
  }

  private static org.apache.avro.Schema withExtraField(org.apache.avro.Schema schema) {
    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    for (org.apache.avro.Schema.Field field : schema.getFields()) {
      fields.add(new org.apache.avro.Schema.Field(field, field.schema()));
    }
    fields.add(new org.apache.avro.Schema.Field("reviewRound", SchemaBuilder.builder().intType(),
        "How many review rounds the label went through.", 0));
    return org.apache.avro.Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false,
        fields);
  }
}
