package io.strata.lakehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.lakehouse.sql.lineage.LineageViews;
import io.strata.lakehouse.sql.testing.RestCatalogProcess;
import io.strata.lakehouse.sql.testing.Rows;
import io.strata.lakehouse.sql.testing.TableWriter;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows written with Iceberg's Java API into tables created by {@code LakehouseTables.ensure} are read back
 * through Spark SQL: the runner's table/JSON/CSV output, the interactive mode, the lineage views and the
 * Thrift (JDBC) server. One Spark session for the class.
 */
class SqlIT {

  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);

  @TempDir
  static Path dir;

  static LakehouseSettings settings;
  static Catalog catalog;
  static SparkSession spark;

  @BeforeAll
  static void writeTablesAndStartSpark() {
    settings = LakehouseSettings.embedded(dir);
    SqlLogging.toFile(settings.logFile());
    // Lakehouse.open ensures the tables through the catalog, then starts Spark and installs the views.
    spark = Lakehouse.open(settings, "sql-it");
    catalog = settings.openCatalog();
    writeLineageChain();
    append("api_calls", List.of(
        apiCall("c-1", "app-a", T0.plusMinutes(1), 1, 0L),
        apiCall("c-2", "app-a", T0.plusMinutes(2), 1, 1L),
        apiCall("c-3", "app-b", T0.plusMinutes(3), 2, 2L)));
  }

  @AfterAll
  static void stop() {
    spark.stop();
    Lakehouse.close(catalog);
  }

  @Test
  void shouldPrintAQueryResultAsAnAlignedTable() {
    var runner = new SqlRunner(spark, ResultFormat.TABLE, 100);

    var lines = runner.lines(spark.sql(
        "SELECT appKey, count(*) AS calls, max(modelVersion) AS newest FROM api_calls GROUP BY appKey ORDER BY appKey"));

    assertThat(lines).containsExactly(
        "appKey | calls | newest",
        "-------+-------+-------",
        "app-a  | 2     | 1",
        "app-b  | 1     | 2",
        "(2 rows)");
  }

  @Test
  void shouldPrintJsonLinesAndCsvAndSayWhenRowsWereCut() {
    String sql = "SELECT requestId, occurredAt FROM api_calls ORDER BY requestId";

    assertThat(new SqlRunner(spark, ResultFormat.JSON, 100).lines(spark.sql(sql + " LIMIT 1")))
        .containsExactly("{\"requestId\":\"c-1\",\"occurredAt\":\"2026-11-23T10:01:00.000Z\"}");
    assertThat(new SqlRunner(spark, ResultFormat.CSV, 100).lines(spark.sql(sql)))
        .containsExactly("requestId,occurredAt", "c-1,2026-11-23 10:01:00", "c-2,2026-11-23 10:02:00",
            "c-3,2026-11-23 10:03:00");
    assertThat(new SqlRunner(spark, ResultFormat.TABLE, 2).lines(spark.sql(sql)))
        .endsWith("(first 2 rows shown; give --max-rows to see more)");
  }

  @Test
  void shouldRunEveryStatementOfTheInteractiveModeAndGoOnAfterAFailure() throws Exception {
    var runner = new SqlRunner(spark, ResultFormat.TABLE, 100);
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    String input = """
        SELECT count(*) AS n
          FROM api_calls; -- a comment; with a semicolon
        SELECT * FROM no_such_table;
        SELECT 'a;b' AS text;
        """;

    int failed = new Repl(new BufferedReader(new StringReader(input)), new PrintStream(err, true), false)
        .run(sql -> runner.run(sql, new PrintStream(out, true)));

    assertThat(failed).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("n\n-\n3\n(1 row)", "text\n----\na;b\n(1 row)");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Error: ").contains("no_such_table");
  }

  @Test
  void shouldQueryTheTablesThroughTheRestCatalog() throws Exception {
    String token = "sql-it-token";
    Path tokenFile = Files.writeString(dir.resolve("rest-catalog.token"), token);
    try (var server = RestCatalogProcess.start(dir.resolve(LakehouseSettings.LAKEHOUSE_DIRECTORY), tokenFile)) {
      // What --catalog-type=rest --catalog-uri=... --catalog-property token=... give strata sql; another
      // session of the class's Spark context, with the REST catalog under another name.
      var rest = new LakehouseSettings(dir, "rest", server.uri(), settings.warehouse(), "strata",
          Map.of("token", token), Map.of());
      SparkSession session = spark.newSession();
      session.conf().set("spark.sql.catalog.via_rest", "org.apache.iceberg.spark.SparkCatalog");
      rest.icebergProperties().forEach((key, value) -> session.conf().set("spark.sql.catalog.via_rest." + key, value));

      var lines = new SqlRunner(session, ResultFormat.CSV, 100).lines(session.sql(
          "SELECT appKey, count(*) AS calls FROM via_rest.strata.api_calls GROUP BY appKey ORDER BY appKey"));

      assertThat(lines).containsExactly("appKey,calls", "app-a,2", "app-b,1");
    }
  }

  @Test
  void shouldFollowAnApiCallBackToTheSamplesTheModelLearntFrom() {
    var calls = spark.sql("SELECT requestId, modelName, modelVersion, jobId, jobPolicy, datasetId, datasetVersion "
        + "FROM " + LineageViews.API_CALL_LINEAGE + " WHERE requestId = 'c-1'").collectAsList();
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).toString()).isEqualTo("[c-1,cats,1,job-1,new-labels,ds-1,3]");

    var samples = spark.sql("SELECT sampleId, split, labelId, labelClassLabel, annotatorId, blobUri "
        + "FROM " + LineageViews.MODEL_TRAINING_SAMPLES + " WHERE modelName = 'cats' AND modelVersion = 1 "
        + "ORDER BY sampleId").collectAsList().stream().map(Object::toString).toList();
    assertThat(samples).containsExactly(
        "[s-1,TRAIN,l-1,cat,alice,file:/blobs/s-1]",
        "[s-2,VALIDATION,l-2,dog,bob,file:/blobs/s-2]");

    var model = spark.sql("SELECT jobRequestCausationId, datasetItemCount, datasetContentHash FROM "
        + LineageViews.MODEL_LINEAGE).collectAsList();
    assertThat(model.get(0).toString()).isEqualTo("[dataset-cut-1,2,h-3]");

    var thread = spark.sql("SELECT topic, eventId FROM " + LineageViews.LINEAGE_EVENTS
        + " WHERE causationId = 'e-model' ORDER BY topic").collectAsList();
    assertThat(thread.toString()).isEqualTo("[[api-calls,e-c-1]]");
  }

  @Test
  void shouldKeepTheLineageViewsInTheCatalogWithoutRewritingThemOnTheNextStart() throws Exception {
    var views = spark.sql("SHOW VIEWS IN strata.strata").collectAsList().stream().map(r -> r.getString(1)).toList();
    assertThat(views).contains(LineageViews.MODEL_LINEAGE, LineageViews.API_CALL_LINEAGE,
        LineageViews.MODEL_TRAINING_SAMPLES, LineageViews.LINEAGE_EVENTS);
    long metadataFiles = countViewMetadataFiles();

    assertThat(LineageViews.install(spark, LakehouseSettings.CATALOG, "strata")).isEqualTo(LineageViews.Placement.CATALOG);

    assertThat(countViewMetadataFiles()).isEqualTo(metadataFiles);
  }

  @Test
  void shouldServeTheTablesOverJdbcThroughTheThriftServer() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ThriftServerMain.start(settings, "localhost", port);

    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:hive2://localhost:" + port + "/strata", "", "");
        ResultSet result = connection.createStatement().executeQuery(
            "SELECT appKey, count(*) FROM api_calls GROUP BY appKey ORDER BY appKey")) {
      while (result.next()) {
        rows.add(result.getString(1) + "=" + result.getLong(2));
      }
      try (ResultSet lineage = connection.createStatement().executeQuery(
          "SELECT count(*) FROM " + LineageViews.MODEL_TRAINING_SAMPLES)) {
        lineage.next();
        rows.add("samples=" + lineage.getLong(1));
      }
    }
    assertThat(rows).containsExactly("app-a=2", "app-b=1", "samples=2");
  }

  @Test
  void shouldRefuseAnUnknownFormat() {
    assertThatThrownBy(() -> SqlMain.parseFormat("xml")).hasMessageContaining("give table, json or csv");
  }

  private static long countViewMetadataFiles() throws Exception {
    try (var files = Files.walk(dir.resolve("lakehouse/warehouse"))) {
      return files.filter(f -> f.toString().contains("lineage") || f.toString().contains("model_")).count();
    }
  }

  /** api call c-1 → model cats v1 → job-1 → dataset ds-1 v3 → items s-1, s-2 → labels l-1, l-2 → samples. */
  private static void writeLineageChain() {
    append("samples", List.of(sample("s-1"), sample("s-2")));
    append("labels", List.of(label("l-1", "s-1", "cat", "alice"), label("l-2", "s-2", "dog", "bob"),
        label("l-3", "s-3", "cat", "carol")));
    append("datasets", List.of(row("datasets", Map.of("eventId", "dataset-cut-1", "datasetId", "ds-1",
        "kind", "VERSION_CUT", "versionCut.version", 3, "versionCut.itemCount", 2L, "versionCut.contentHash", "h-3"))));
    append("dataset_version_items", List.of(
        row("dataset_version_items", Map.of("datasetId", "ds-1", "version", 3, "sampleId", "s-1", "split", "TRAIN",
            "classLabel", "cat", "labelIds", List.of("l-1"))),
        row("dataset_version_items", Map.of("datasetId", "ds-1", "version", 3, "sampleId", "s-2",
            "split", "VALIDATION", "classLabel", "dog", "labelIds", List.of("l-2"))),
        row("dataset_version_items", Map.of("datasetId", "ds-1", "version", 2, "sampleId", "s-3", "split", "TRAIN",
            "classLabel", "cat", "labelIds", List.of("l-3")))));
    append("training_jobs", List.of(
        row("training_jobs", Map.of("eventId", "e-job-1", "causationId", "dataset-cut-1", "jobId", "job-1",
            "kind", "REQUESTED", "request.datasetId", "ds-1", "request.datasetVersion", 3,
            "request.policy", "new-labels", "request.trainer", "builtin")),
        row("training_jobs", Map.of("eventId", "e-job-1-done", "jobId", "job-1", "kind", "SUCCEEDED",
            "occurredAt", T0.minusMinutes(5)))));
    append("models", List.of(row("models", Map.of("eventId", "e-model", "causationId", "e-job-1-done",
        "modelName", "cats", "version", 1, "kind", "VERSION_PUBLISHED", "published.jobId", "job-1",
        "published.datasetId", "ds-1", "published.datasetVersion", 3))));
  }

  private static Record sample(String id) {
    return row("samples", Map.of("eventId", "e-" + id, "sampleId", id, "kind", "UPLOADED",
        "uploaded.blobUri", "file:/blobs/" + id, "uploaded.source", "http"));
  }

  private static Record label(String id, String sampleId, String classLabel, String annotator) {
    return row("labels", Map.of("eventId", "e-" + id, "labelId", id, "sampleId", sampleId, "kind", "MADE",
        "classLabel", classLabel, "annotator.type", "PERSON", "annotator.id", annotator));
  }

  static Record apiCall(String requestId, String appKey, OffsetDateTime at, int modelVersion, long offset) {
    Map<String, Object> values = new java.util.HashMap<>(Map.of("eventId", "e-" + requestId, "requestId", requestId,
        "appKey", appKey, "api", "classify", "occurredAt", at, "modelName", "cats", "modelVersion", modelVersion,
        "status", 200, "_kafka_offset", offset));
    values.put("causationId", requestId.equals("c-1") ? "e-model" : null);
    return row("api_calls", values);
  }

  static Record row(String table, Map<String, Object> values) {
    Map<String, Object> withHeader = new java.util.HashMap<>(Map.of("tenantId", "acme", "producer", "test",
        "occurredAt", T0, "_kafka_append_time", T0));
    withHeader.putAll(values);
    withHeader.entrySet().removeIf(e -> e.getValue() == null);
    return Rows.row(load(table).schema(), withHeader);
  }

  static void append(String table, List<Record> rows) {
    TableWriter.append(load(table), rows);
  }

  private static Table load(String table) {
    return catalog.loadTable(TableIdentifier.of("strata", table));
  }
}
