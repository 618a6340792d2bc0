package io.strata.platform.up;

import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.Ports;
import io.strata.platform.controlplane.ControlPlaneClient;
import io.strata.platform.runtime.Component;
import io.strata.platform.runtime.RuntimeFile;
import io.strata.registry.RegistryServer;
import io.strata.schemas.registry.CachingSchemaRegistryClient;
import io.strata.schemas.registry.CatalogSchemas;
import io.strata.schemas.registry.RegistryClientConfig;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform on one machine: the embedded Kafka broker, the schema registry on top of it (both in this JVM), then
 * the upload gateway, the stream processors and the lakehouse sink, each in a JVM of its own. Stopping goes the
 * other way round, so that nothing is left talking to a broker that is gone.
 */
public final class Platform implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Platform.class);
  /** The registry's blob store setting (the model registry reads and serves artifacts from it). */
  static final String REGISTRY_BLOB_STORE = "strata.blob-store";

  private final UpSettings settings;
  private final EmbeddedKafka kafka;
  private final RegistryServer registry;
  private final List<ChildProcess> children;
  private final RuntimeFile runtimeFile;
  private final PlatformSecrets secrets;
  private final DefaultApp defaultApp;
  private boolean closed;

  private Platform(UpSettings settings, EmbeddedKafka kafka, RegistryServer registry, List<ChildProcess> children,
      RuntimeFile runtimeFile, PlatformSecrets secrets, DefaultApp defaultApp) {
    this.children = children;
    this.settings = settings;
    this.secrets = secrets;
    this.defaultApp = defaultApp;
    this.kafka = kafka;
    this.registry = registry;
    this.runtimeFile = runtimeFile;
  }

  /**
   * Starts every component and writes the runtime file. Every port is checked before anything starts; when a
   * component fails to start, the ones already started are stopped again.
   */
  public static Platform start(UpSettings settings) {
    return start(settings, new SecureRandom());
  }

  /** As {@link #start(UpSettings)}, drawing the admin token and master key of a first start from {@code random}. */
  public static Platform start(UpSettings settings, SecureRandom random) {
    stopOrphans(settings);
    requireFreePorts(settings);
    var secrets = PlatformSecrets.ensure(settings.dataDirectory(), random);
    var kafka = EmbeddedKafka.start(settings.broker());
    RegistryServer registry;
    try {
      var registryProperties = new HashMap<String, Object>(secrets.registryProperties());
      // Model publishing reads artifacts and downloads stream them from the blob store.
      registryProperties.put(REGISTRY_BLOB_STORE, settings.blobDirectory().toString());
      registry = RegistryServer.start(new RegistryServer.Settings(settings.registryPort(), kafka.bootstrapServers()),
          registryProperties);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    DefaultApp defaultApp;
    try {
      registerCatalogSchemas(registry.url());
      defaultApp = DefaultApp.ensure(settings.dataDirectory(), new ControlPlaneClient(registry.url(), secrets.adminToken()));
    } catch (RuntimeException e) {
      registry.close();
      kafka.close();
      throw e;
    }
    List<ChildProcess> children;
    try {
      children = ChildProcesses.start(settings, kafka.bootstrapServers(), registry.url(), secrets);
    } catch (RuntimeException e) {
      registry.close();
      kafka.close();
      throw e;
    }
    var platform = new Platform(settings, kafka, registry, children, new RuntimeFile(settings.dataDirectory()),
        secrets, defaultApp);
    try {
      platform.runtimeFile.write(platform.components());
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
    log.info("Strata is up: dataDirectory={} {}", settings.dataDirectory(), platform.components().stream()
        .map(component -> component.name() + "=" + component.url())
        .collect(Collectors.joining(" ")));
    return platform;
  }

  /**
   * Every topic's value schema under {@code <topic>-value} with BACKWARD_TRANSITIVE compatibility, before any
   * producer runs; a schema edited incompatibly stops the start with the registry's reason.
   */
  private static void registerCatalogSchemas(String registryUrl) {
    try (var client = new CachingSchemaRegistryClient(
        RegistryClientConfig.from(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registryUrl)))) {
      var ids = CatalogSchemas.register(client);
      log.info("Catalog schemas registered: subjects={} compatibility={}", ids.size(), CatalogSchemas.COMPATIBILITY);
    }
  }

  /** Stops the child JVMs an earlier {@code up} on this data directory left running (after a kill -9 of it). */
  static void stopOrphans(UpSettings settings) {
    var stopped = new ChildPidFiles(settings.dataDirectory()).stopOrphans();
    if (!stopped.isEmpty()) {
      log.warn("Stopped components an earlier up left running: {}", stopped);
    }
  }

  /** Fails with a message naming the flag to change when one of the ports is taken. */
  static void requireFreePorts(UpSettings settings) {
    Ports.requireFree(UpSettings.HOST, settings.kafkaPort(), "Kafka broker", "--kafka-port");
    Ports.requireFree(UpSettings.HOST, settings.controllerPort(), "Kafka controller", "--controller-port");
    Ports.requireFree(UpSettings.HOST, settings.registryPort(), "schema registry", "--registry-port");
    Ports.requireFree(UpSettings.HOST, settings.gatewayPort(), "upload gateway", "--gateway-port");
    Ports.requireFree(UpSettings.HOST, settings.connectPort(), "Kafka Connect (lakehouse sink)", "--connect-port");
    Ports.requireFree(UpSettings.HOST, settings.processorsPort(), "stream processors", "--processors-port");
    Ports.requireFree(UpSettings.HOST, settings.launcherPort(), "trainer launcher", "--launcher-port");
    Ports.requireFree(UpSettings.HOST, settings.servingPort(), "serving", "--serving-port");
    Ports.requireFree(UpSettings.HOST, settings.driftPort(), "drift monitor", "--drift-port");
    if (settings.sqlServer()) {
      Ports.requireFree(UpSettings.HOST, settings.sqlPort(), "SQL endpoint", "--sql-port (or --no-sql-server)");
      Ports.requireFree(UpSettings.HOST, settings.sqlHttpPort(), "SQL endpoint's health and metrics",
          "--sql-port (it uses the next port too) or --no-sql-server");
    }
    if (settings.restCatalog()) {
      Ports.requireFree(UpSettings.HOST, settings.restCatalogPort(), "Iceberg REST catalog", "--rest-catalog-port");
    }
  }

  /** What runs, and where. */
  public List<Component> components() {
    var components = new ArrayList<Component>();
    components.add(new Component(Component.KAFKA, kafka.bootstrapServers()));
    components.add(new Component(Component.REGISTRY, registry.url()));
    children.forEach(child -> components.add(new Component(child.name(), child.url(), child.healthUrl())));
    return List.copyOf(components);
  }

  /** The admin token and master key files the registry was started with. */
  public PlatformSecrets secrets() {
    return secrets;
  }

  /** The {@code default} tenant's app, created on the first start. */
  public DefaultApp defaultApp() {
    return defaultApp;
  }

  public UpSettings settings() {
    return settings;
  }

  /** Stops the child processes, the registry, then the broker, and removes the runtime file. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      runtimeFile.delete();
    } finally {
      try {
        ChildProcesses.stop(children);
        registry.close();
      } finally {
        kafka.close();
      }
    }
    log.info("Strata stopped: dataDirectory={}", settings.dataDirectory());
  }
}
