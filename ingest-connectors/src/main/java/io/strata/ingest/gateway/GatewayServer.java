package io.strata.ingest.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload gateway started inside another process: an HTTP server with {@code POST /v1/samples},
 * {@code GET /v1/samples/{id}}, the labels API ({@code /v1/labels...}, {@code GET /v1/samples/{id}/labels}) and
 * {@code /health}. It returns once the views of the apps, samples and labels topics are built and it listens.
 *
 * <pre>{@code
 * try (var gateway = GatewayServer.start(new GatewayServer.Settings(0, "localhost:9092", "http://localhost:8081",
 *     blobDir, masterKeyFile), Map.of())) {
 *   String url = gateway.url();
 * }
 * }</pre>
 *
 * <p>Do not start it in a JVM that also runs the registry service: both are Micronaut applications and would
 * share their beans. {@code strata up} runs it as a child process ({@link GatewayApplication}).
 */
public final class GatewayServer implements AutoCloseable {

  /**
   * The Micronaut environment the gateway's beans require, so that a registry service sharing the classpath (a
   * test JVM) does not start them.
   */
  public static final String ENVIRONMENT = "strata-ingest-gateway";

  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  private final ApplicationContext context;
  private final String url;
  private final int port;

  private GatewayServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.url = server.getURL().toString().replaceAll("/+$", "");
    this.port = server.getPort();
  }

  /**
   * The settings every gateway needs.
   *
   * @param port the HTTP port; 0 picks a free one
   * @param bootstrapServers Kafka's {@code host:port[,...]}
   * @param schemaRegistryUrl the registry service's URL
   * @param blobDirectory the local blob store's root
   * @param masterKeyFile the master key file app secrets are encrypted under (as the registry's)
   */
  public record Settings(int port, String bootstrapServers, String schemaRegistryUrl, Path blobDirectory,
      Path masterKeyFile) {
    public Settings {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Invalid micronaut.server.port " + port + ": expected 0 to 65535");
      }
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
      Objects.requireNonNull(blobDirectory, "blobDirectory");
    }

    /** These settings as configuration properties. */
    public Map<String, Object> properties() {
      var all = new HashMap<String, Object>();
      all.put("micronaut.server.port", port == 0 ? -1 : port);
      all.put(GatewaySettings.BOOTSTRAP_SERVERS, bootstrapServers);
      all.put(GatewaySettings.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
      all.put(GatewaySettings.BLOB_DIRECTORY, blobDirectory.toString());
      if (masterKeyFile != null) {
        all.put(GatewaySettings.MASTER_KEY_FILE, masterKeyFile.toString());
      }
      return all;
    }
  }

  /** Starts a gateway with these settings. */
  public static GatewayServer start(Settings settings) {
    return start(settings, Map.of());
  }

  /**
   * Starts a gateway; {@code properties} add or override any {@link GatewaySettings} key or Micronaut property.
   *
   * @throws IllegalArgumentException for an invalid setting, naming it
   */
  public static GatewayServer start(Settings settings, Map<String, Object> properties) {
    var all = new HashMap<String, Object>(settings.properties());
    all.putAll(properties);
    long started = System.nanoTime();
    ApplicationContext context = ApplicationContext.builder().properties(all).environments(ENVIRONMENT).deduceEnvironment(false).banner(false)
        .build();
    try {
      context.start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      var gateway = new GatewayServer(context, server);
      log.info("Upload gateway started: url={} startupMs={}", gateway.url,
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      return gateway;
    } catch (RuntimeException e) {
      if (context.isRunning()) {
        context.close();
      }
      throw badSetting(e).<RuntimeException>map(bad -> bad).orElse(e);
    }
  }

  private static Optional<IllegalArgumentException> badSetting(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException bad) {
        return Optional.of(new IllegalArgumentException(bad.getMessage(), e));
      }
    }
    return Optional.empty();
  }

  /** The base URL, e.g. {@code http://localhost:8082}. */
  public String url() {
    return url;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (context.isRunning()) {
      context.close();
      log.info("Upload gateway stopped: url={}", url);
    }
  }
}
