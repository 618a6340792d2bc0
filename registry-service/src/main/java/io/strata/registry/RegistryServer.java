package io.strata.registry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.strata.registry.schemas.SchemaStoreReadiness;
import io.strata.registry.schemas.StoreSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry service started inside another process ({@code strata up}, tests, benchmarks): an HTTP server
 * with the Confluent-compatible schema registry API and {@code /health}, storing into the {@code _schemas}
 * topic of the given Kafka cluster.
 *
 * <pre>{@code
 * try (var registry = RegistryServer.start(new RegistryServer.Settings(8081, "localhost:9092"))) {
 *   String url = registry.url(); // http://localhost:8081
 * }
 * }</pre>
 */
public final class RegistryServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RegistryServer.class);
  /** How long {@link #start} waits for the registry to have read its topic; {@code 0s} does not wait. */
  public static final String STARTUP_TIMEOUT = "strata.registry.startup-timeout";
  private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final ApplicationContext context;
  private final String url;
  private final int port;

  private RegistryServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.url = server.getURL().toString().replaceAll("/+$", "");
    this.port = server.getPort();
  }

  /**
   * Where the registry listens and which Kafka cluster holds its topic.
   *
   * @param port the HTTP port; 0 picks a free one
   * @param bootstrapServers Kafka's {@code host:port[,host:port...]}
   */
  public record Settings(int port, String bootstrapServers) {
    public Settings {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Invalid micronaut.server.port " + port + ": expected 0 (any free port)"
            + " to 65535");
      }
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("Invalid " + StoreSettings.BOOTSTRAP_SERVERS
            + ": empty; expected host:port[,host:port...], e.g. localhost:9092");
      }
    }
  }

  /**
   * Starts the registry and returns once it serves: its view of the schema topic is built (or, when Kafka
   * cannot be reached, after {@value #STARTUP_TIMEOUT}, default 60 s, with an exception).
   *
   * @throws IllegalArgumentException for an invalid setting, naming it
   * @throws IllegalStateException when the port is taken or the topic cannot be read in time
   */
  public static RegistryServer start(Settings settings) {
    return start(settings, Map.of());
  }

  /**
   * As {@link #start(Settings)}, with more configuration properties: {@code strata.registry.topic},
   * {@code strata.registry.default-compatibility}, {@code strata.registry.timeout},
   * {@value #STARTUP_TIMEOUT}, the control plane's {@code strata.admin.token} / {@code strata.admin.token-file},
   * {@code strata.secrets.master-key-file} / {@code strata.secrets.master-keys}, {@code strata.apps.topic},
   * {@code strata.tenants.topic}, {@code strata.apps.rotation-grace}, {@code strata.control-plane.timeout}
   * (see {@link io.strata.registry.controlplane.ControlPlaneSettings}), or any Micronaut property.
   */
  public static RegistryServer start(Settings settings, Map<String, Object> properties) {
    var all = new HashMap<String, Object>(properties);
    all.put("micronaut.server.port", settings.port() == 0 ? -1 : settings.port());
    all.put(StoreSettings.BOOTSTRAP_SERVERS, settings.bootstrapServers());
    all.putIfAbsent("endpoints.health.details-visible", "ANONYMOUS");
    long started = System.nanoTime();
    ApplicationContext context = ApplicationContext.builder()
        .properties(all)
        .deduceEnvironment(false)
        .banner(false)
        .build();
    try {
      context.start();
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      var registry = new RegistryServer(context, server);
      Duration wait = context.getProperty(STARTUP_TIMEOUT, Duration.class).orElse(DEFAULT_STARTUP_TIMEOUT);
      context.getBean(SchemaStoreReadiness.class).awaitReady(wait);
      log.info("Schema registry started: url={} bootstrapServers={} startupMs={}", registry.url(),
          settings.bootstrapServers(), Duration.ofNanos(System.nanoTime() - started).toMillis());
      return registry;
    } catch (RuntimeException e) {
      if (context.isRunning()) {
        context.close();
      }
      throw badSetting(e).<RuntimeException>map(bad -> bad).orElse(e);
    }
  }

  /** The framework wraps a refused setting in its own exceptions; callers deserve the setting's message. */
  private static Optional<IllegalArgumentException> badSetting(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException bad) {
        return Optional.of(new IllegalArgumentException(bad.getMessage(), e));
      }
    }
    return Optional.empty();
  }

  /** The base URL, e.g. {@code http://localhost:8081}, without a trailing slash. */
  public String url() {
    return url;
  }

  /** The port the registry listens on. */
  public int port() {
    return port;
  }

  /** Stops the HTTP server and the storage clients. */
  @Override
  public void close() {
    if (context.isRunning()) {
      context.close();
      log.info("Schema registry stopped: url={}", url());
    }
  }
}
