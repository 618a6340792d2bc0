package io.strata.lakehouse.catalog;

import com.sun.net.httpserver.HttpServer;
import io.strata.lakehouse.sink.SinkSettings;
import io.strata.lakehouse.tables.Catalogs;
import io.strata.observability.http.Health;
import io.strata.observability.http.ObservabilityEndpoints;
import io.strata.observability.metrics.ComponentMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a deployment's Iceberg catalog over the Iceberg REST catalog protocol, so that engines which speak
 * it (Spark, Trino, Flink, PyIceberg, DuckDB, another Strata) can read and write the lakehouse without a
 * connection to the catalog's database: {@code /v1/...} (see {@link RestRoute}), plus {@code /health} (the
 * backing catalog answers) and {@code /metrics} without a token.
 *
 * <p>Clients authenticate with a bearer token ({@code token=<token>} in Iceberg's client properties). The
 * lakehouse holds every tenant's events, so the token is an operator's credential, like access to the SQL
 * endpoint. Table files are not served: clients read and write the warehouse themselves (the same local
 * directory, or S3 with their own credentials).
 *
 * <p>Run it with {@code java -cp ... io.strata.lakehouse.catalog.RestCatalogServer --port=8181
 * --data.dir=data/lakehouse [--host=127.0.0.1] [--token.file=F] [--catalog.<iceberg property>=...]}. Without a
 * token file it makes one, {@code <data.dir>/rest-catalog.token} (owner-only), and says where.
 */
public final class RestCatalogServer implements AutoCloseable {

  public static final String COMPONENT = "lakehouse-rest-catalog";
  public static final String TOKEN_FILE_NAME = "rest-catalog.token";
  static final int THREADS = 8;

  static final String LOGGING_CONFIGURATION = "lakehouse-rest-catalog-logback.xml";
  private static final Set<String> KEYS = Set.of("host", "port", "data.dir", "token.file", "catalog.name");

  private final HttpServer server;

  /** Not a static field: {@link #main} picks the logging configuration before anything logs. */
  private static Logger log() {
    return LoggerFactory.getLogger(RestCatalogServer.class);
  }

  private final ExecutorService executor;

  private RestCatalogServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving {@code catalog} on {@code host:port} (0 for any free port) to clients that send
   * {@code token}; the caller keeps ownership of the catalog and of {@code metrics}.
   */
  public static RestCatalogServer start(Catalog catalog, String host, int port, String token,
      ComponentMetrics metrics) throws IOException {
    RestCatalogHandler handler = new RestCatalogHandler(catalog, token, metrics.http());
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "rest-catalog-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", handler);
    ObservabilityEndpoints.attach(server, metrics, () -> health((SupportsNamespaces) catalog));
    server.start();
    RestCatalogServer started = new RestCatalogServer(server, executor);
    log().info("Iceberg REST catalog for catalog '{}' at {}", catalog.name(), started.uri());
    return started;
  }

  private static Health health(SupportsNamespaces catalog) {
    try {
      int count = catalog.listNamespaces().size();
      return new Health(true, Map.of("namespaces", Integer.toString(count)));
    } catch (RuntimeException e) {
      return new Health(false, Map.of("catalog", String.valueOf(e.getMessage())));
    }
  }

  /** The URI clients put in their {@code uri} catalog property. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /**
   * The token in {@code tokenFile}, or, when the file does not exist, a new random one written there readable
   * by its owner only.
   */
  public static String readOrCreateToken(Path tokenFile) {
    try {
      if (Files.exists(tokenFile)) {
        String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
          throw new IllegalArgumentException("Token file " + tokenFile + " is empty: put the clients' bearer "
              + "token in it, or delete it to have one made");
        }
        return token;
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = HexFormat.of().formatHex(random);
      Files.createDirectories(tokenFile.toAbsolutePath().getParent());
      Files.writeString(tokenFile, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        log().warn("Cannot restrict {} to its owner on this file system", tokenFile);
      }
      log().info("Made a bearer token for REST catalog clients in {}", tokenFile);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the token file " + tokenFile, e);
    }
  }

  /** {@code --key=value} arguments: host, port, data.dir, token.file, catalog.name, catalog.<property>. */
  static Map<String, String> arguments(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> unknown = new TreeSet<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("Expected --key=value, got '" + arg + "'");
      }
      String key = arg.substring(2, equals);
      if (!KEYS.contains(key) && !key.startsWith(SinkSettings.CATALOG_PREFIX)) {
        unknown.add(key);
      }
      values.put(key, arg.substring(equals + 1));
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Unknown REST catalog setting(s) " + unknown + ": expected "
          + new TreeSet<>(KEYS) + " or catalog.<iceberg catalog property>");
    }
    return values;
  }

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGGING_CONFIGURATION);
    }
    Map<String, String> values = arguments(args);
    Path dataDirectory = Path.of(values.getOrDefault("data.dir", "data/lakehouse"));
    Map<String, String> catalogProperties = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      if (key.startsWith(SinkSettings.CATALOG_PREFIX) && !key.equals("catalog.name")) {
        catalogProperties.put(key.substring(SinkSettings.CATALOG_PREFIX.length()), value);
      }
    });
    if (catalogProperties.isEmpty()) {
      catalogProperties.putAll(SinkSettings.sqliteCatalog(dataDirectory));
    }
    String token = readOrCreateToken(Path.of(values.getOrDefault("token.file",
        dataDirectory.resolve(TOKEN_FILE_NAME).toString())));
    Catalog catalog = Catalogs.load(values.getOrDefault("catalog.name", Catalogs.CATALOG_NAME), catalogProperties);
    ComponentMetrics metrics = ComponentMetrics.create(COMPONENT);
    RestCatalogServer server = start(catalog, values.getOrDefault("host", "127.0.0.1"),
        Integer.parseInt(values.getOrDefault("port", "8181")), token, metrics);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      if (catalog instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log().warn("Closing catalog {} failed", catalog.name(), e);
        }
      }
      metrics.close();
      stopped.countDown();
    }, "rest-catalog-shutdown"));
    stopped.await();
  }
}
