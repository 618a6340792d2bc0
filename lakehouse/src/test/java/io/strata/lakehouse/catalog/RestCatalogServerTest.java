package io.strata.lakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.lakehouse.tables.Catalogs;
import io.strata.observability.metrics.ComponentMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST catalog server on a real SQLite JDBC catalog, driven by Iceberg's own REST client (what Spark,
 * the sink connector and PyIceberg-like clients use) and by plain HTTP for the error answers.
 */
class RestCatalogServerTest {

  private static final String TOKEN = "test-token-0123456789";
  private static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "eventId", Types.StringType.get()),
      Types.NestedField.optional(2, "sizeBytes", Types.LongType.get()));

  @TempDir
  Path temp;

  private JdbcCatalog backing;
  private ComponentMetrics metrics;
  private RestCatalogServer server;
  private RESTCatalog client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    backing = Catalogs.jdbcSqlite(temp.resolve("catalog.db"), temp.resolve("warehouse"));
    metrics = ComponentMetrics.create(RestCatalogServer.COMPONENT);
    server = RestCatalogServer.start(backing, "127.0.0.1", 0, TOKEN, metrics);
    client = restClient(TOKEN);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
    backing.close();
    metrics.close();
  }

  private RESTCatalog restClient(String token) {
    RESTCatalog catalog = new RESTCatalog();
    catalog.setConf(new Configuration());
    catalog.initialize("via-rest", Map.of(CatalogProperties.URI, server.uri().toString(), "token", token));
    return catalog;
  }

  @Test
  void shouldCreateCommitAndDropThroughTheBackingCatalog() {
    Namespace namespace = Namespace.of("strata");
    TableIdentifier id = TableIdentifier.of(namespace, "samples");
    // Iceberg's client asks the properties map containsKey(null), which Map.of refuses with an NPE
    client.createNamespace(namespace, new HashMap<>(Map.of("owner", "analytics")));
    Table created = client.createTable(id, SCHEMA, PartitionSpec.unpartitioned());

    DataFile file = DataFiles.builder(created.spec())
        .withPath(created.location() + "/data/00000.parquet")
        .withFormat("parquet").withFileSizeInBytes(1024).withRecordCount(3).build();
    created.newAppend().appendFile(file).commit();

    Table seenByBacking = backing.loadTable(id);
    assertThat(seenByBacking.currentSnapshot().summary()).containsEntry("added-records", "3");
    assertThat(client.loadTable(id).currentSnapshot().snapshotId())
        .isEqualTo(seenByBacking.currentSnapshot().snapshotId());
    assertThat(client.loadNamespaceMetadata(namespace)).containsEntry("owner", "analytics");
    assertThat(client.listTables(namespace)).containsExactly(id);
    assertThat(client.tableExists(id)).isTrue();

    client.renameTable(id, TableIdentifier.of(namespace, "samples_old"));
    assertThat(backing.tableExists(id)).isFalse();
    assertThat(client.dropTable(TableIdentifier.of(namespace, "samples_old"))).isTrue();
    assertThat(backing.listTables(namespace)).isEmpty();
  }

  @Test
  void shouldKeepNestedNamespacesApart() {
    client.createNamespace(Namespace.of("a"));
    client.createNamespace(Namespace.of("a", "b"));
    client.createNamespace(Namespace.of("c"));

    assertThat(client.listNamespaces(Namespace.of("a"))).containsExactly(Namespace.of("a", "b"));
    assertThat(client.listNamespaces()).contains(Namespace.of("a"), Namespace.of("c"));
    client.createTable(TableIdentifier.of(Namespace.of("a", "b"), "t"), SCHEMA);
    assertThat(backing.listTables(Namespace.of("a", "b"))).containsExactly(TableIdentifier.of("a", "b", "t"));
  }

  @Test
  void shouldServeViewsOfTheBackingCatalog() {
    Namespace namespace = Namespace.of("lineage");
    client.createNamespace(namespace);
    TableIdentifier view = TableIdentifier.of(namespace, "recent");
    client.buildView(view).withSchema(SCHEMA).withDefaultNamespace(namespace)
        .withQuery("spark", "SELECT eventId, sizeBytes FROM strata.samples").create();

    assertThat(backing.viewExists(view)).isTrue();
    assertThat(client.listViews(namespace)).containsExactly(view);
    assertThat(client.loadView(view).sqlFor("spark").sql()).contains("strata.samples");
  }

  @Test
  void shouldTurnCatalogErrorsIntoIcebergsOwnExceptions() {
    Namespace namespace = Namespace.of("errors");
    client.createNamespace(namespace);
    client.createTable(TableIdentifier.of(namespace, "t"), SCHEMA);

    assertThatThrownBy(() -> client.loadTable(TableIdentifier.of(namespace, "missing")))
        .isInstanceOf(NoSuchTableException.class).hasMessageContaining("missing");
    assertThatThrownBy(() -> client.createTable(TableIdentifier.of(namespace, "t"), SCHEMA))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(() -> restClient("wrong-token"))
        .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("bearer token");
  }

  @Test
  void shouldAnswerBadRequestsWithIcebergErrorJson() throws Exception {
    HttpResponse<String> noToken = send(HttpRequest.newBuilder(uri("/v1/config")).GET().build());
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.body()).contains("\"type\":\"NotAuthorizedException\"", "\"code\":401");

    HttpResponse<String> badJson = send(authorized("/v1/namespaces")
        .POST(HttpRequest.BodyPublishers.ofString("{\"namespace\":")).build());
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).contains("BadRequestException", "CreateNamespaceRequest");

    HttpResponse<String> noBody = send(authorized("/v1/namespaces")
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(noBody.statusCode()).isEqualTo(400);
    assertThat(noBody.body()).contains("needs a JSON body");

    HttpResponse<String> wrongMethod = send(authorized("/v1/namespaces/x").PUT(HttpRequest.BodyPublishers.noBody())
        .build());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("HEAD, GET, DELETE");

    HttpResponse<String> noRoute = send(authorized("/v1/transactions/commit")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(noRoute.statusCode()).isEqualTo(404);
    assertThat(noRoute.body()).contains("GET /v1/config lists the endpoints");

    HttpResponse<String> config = send(authorized("/v1/config").GET().build());
    assertThat(config.statusCode()).isEqualTo(200);
    assertThat(config.body()).contains("GET /v1/{prefix}/namespaces/{namespace}/tables/{table}")
        .doesNotContain("transactions");
  }

  @Test
  void shouldServeHealthAndMetricsWithoutTheToken() throws Exception {
    client.createNamespace(Namespace.of("h"));
    HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health")).GET().build());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"", "\"namespaces\":\"1\"");

    HttpResponse<String> scrape = send(HttpRequest.newBuilder(uri("/metrics")).GET().build());
    assertThat(scrape.body()).contains("http_server_requests_seconds_count").contains("CREATE_NAMESPACE");
  }

  @Test
  void shouldMakeAnOwnerOnlyTokenFileOnceAndReadItAfterwards() throws Exception {
    Path file = temp.resolve("tokens").resolve(RestCatalogServer.TOKEN_FILE_NAME);

    String made = RestCatalogServer.readOrCreateToken(file);

    assertThat(made).hasSize(64);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(RestCatalogServer.readOrCreateToken(file)).isEqualTo(made);
    Files.writeString(file, "  \n");
    assertThatThrownBy(() -> RestCatalogServer.readOrCreateToken(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is empty");
  }

  @Test
  void shouldRefuseUnknownArguments() {
    assertThat(RestCatalogServer.arguments(new String[] {"--port=9", "--catalog.uri=jdbc:x"}))
        .containsEntry("port", "9").containsEntry("catalog.uri", "jdbc:x");
    assertThatThrownBy(() -> RestCatalogServer.arguments(new String[] {"--prot=9"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[prot]");
    assertThatThrownBy(() -> RestCatalogServer.arguments(new String[] {"port"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--key=value");
  }

  private URI uri(String path) {
    return server.uri().resolve(path);
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
