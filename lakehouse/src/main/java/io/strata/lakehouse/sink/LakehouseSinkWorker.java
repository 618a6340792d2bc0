package io.strata.lakehouse.sink;

import io.strata.lakehouse.metrics.LakehouseMetricsExtension;
import io.strata.lakehouse.tables.Catalogs;
import io.strata.lakehouse.tables.LakehouseTables;
import io.strata.lakehouse.tables.TableDefinition;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka to Iceberg sink as one process: an in-process Kafka Connect worker (standalone, or with
 * {@code worker.mode=distributed} a one-worker distributed cluster with exactly-once source support) running
 * Apache Iceberg's sink connector with {@link SinkConnectorConfig}, after the tables have been ensured
 * ({@link LakehouseTables#ensure}) and the control topic prepared, plus any connector given with
 * {@code connector.configs} (e.g. the drop-folder source).
 *
 * <p>Run it with {@code java -cp <lakehouse/target/classpath.txt>:<lakehouse jar>
 * io.strata.lakehouse.sink.LakehouseSinkWorker --bootstrap.servers=... --schema.registry.url=... --data.dir=...}
 * (see {@link SinkSettings} for every setting), or {@code --print-connector-config} to print the connector
 * configuration a distributed Connect cluster gets, as JSON. It stops cleanly on SIGTERM: the commit
 * coordinator leaves its consumer group before the process exits, so the next start does not wait for it. A
 * task that fails (say, the catalog was unreachable) is restarted every {@value #WATCHDOG_SECONDS} seconds.
 */
public final class LakehouseSinkWorker implements AutoCloseable {

  static final int WATCHDOG_SECONDS = 10;
  static final long OFFSET_FLUSH_INTERVAL_MS = 250;
  private static final String COORDINATOR_THREAD = "iceberg-coord";
  private static final long COORDINATOR_STOP_MS = 15_000;

  private final Logger log = LoggerFactory.getLogger(LakehouseSinkWorker.class);
  private final SinkSettings settings;
  private final Connect<? extends Herder> connect;
  private final ScheduledExecutorService watchdog;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private LakehouseSinkWorker(SinkSettings settings, Connect<? extends Herder> connect) {
    this.settings = settings;
    this.connect = connect;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "lakehouse-sink-watchdog");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Ensures the tables, prepares the control topic, starts the worker and the connector, and returns once the
   * connector is running.
   *
   * @throws IllegalStateException when the catalog, Kafka or the connector cannot be started, with the cause
   */
  public static LakehouseSinkWorker start(SinkSettings settings) {
    Logger log = LoggerFactory.getLogger(LakehouseSinkWorker.class);
    long started = System.nanoTime();
    try {
      Files.createDirectories(settings.dataDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the lakehouse sink's data directory "
          + settings.dataDirectory().toAbsolutePath() + ": " + e.getMessage(), e);
    }
    ensureTables(settings, log);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
      ControlTopic.prepare(admin, settings.controlTopic(), SinkConnectorConfig.coordinatorGroup(settings));
    }
    Connect<? extends Herder> connect = settings.workerMode() == SinkSettings.WorkerMode.DISTRIBUTED
        ? new ConnectDistributed().startConnect(distributedWorkerProperties(settings))
        : new ConnectStandalone().startConnect(workerProperties(settings));
    LakehouseSinkWorker worker = new LakehouseSinkWorker(settings, connect);
    try {
      worker.putConnector(settings.connectorName(), SinkConnectorConfig.of(settings));
      for (Path file : settings.connectorConfigs()) {
        Map<String, String> config = connectorConfig(file);
        worker.putConnector(config.get("name"), config);
      }
      // As ConnectStandalone does once its connectors are configured: until then GET /health answers 503 "starting".
      if (connect.herder() instanceof StandaloneHerder standalone) {
        standalone.ready();
      }
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
    worker.watchdog.scheduleWithFixedDelay(worker::restartFailedTasks, WATCHDOG_SECONDS, WATCHDOG_SECONDS,
        TimeUnit.SECONDS);
    log.info("Lakehouse sink started: connector={} topics={} namespace={} commitIntervalMs={} restUrl={} startupMs={}",
        settings.connectorName(), settings.topics().size(), settings.namespace(),
        settings.commitInterval().toMillis(), worker.restUrl(), (System.nanoTime() - started) / 1_000_000);
    return worker;
  }

  /** The worker configuration of the standalone Connect runtime. */
  static Map<String, String> workerProperties(SinkSettings settings) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", settings.bootstrapServers());
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    // Sink offsets live in the consumer group; this file only holds source offsets, which this worker has none of.
    props.put("offset.storage.file.filename", settings.dataDirectory().resolve("connect.offsets").toString());
    // The Iceberg sink answers its coordinator's commit requests only inside put(), and an idle sink task polls
    // until the next offset flush (default 60 s): flush often so that commits complete on time without traffic.
    props.put("offset.flush.interval.ms", Long.toString(OFFSET_FLUSH_INTERVAL_MS));
    props.put("plugin.discovery", "service_load");
    props.put("listeners", "http://127.0.0.1:" + settings.restPort());
    props.put("task.shutdown.graceful.timeout.ms", "20000");
    // GET /metrics on this REST server (JVM, commit age of the Iceberg tables, consumer lag).
    props.put("rest.extension.classes", LakehouseMetricsExtension.class.getName());
    return props;
  }

  /** Internal topics and group of the distributed worker (one worker on the embedded broker). */
  static final String DISTRIBUTED_GROUP = "strata-connect";

  /**
   * The worker configuration of the distributed Connect runtime: configs, offsets and statuses in compacted topics
   * (replication 1 on the embedded broker), and exactly-once source support, which a standalone worker cannot
   * give (KIP-618).
   */
  static Map<String, String> distributedWorkerProperties(SinkSettings settings) {
    Map<String, String> props = workerProperties(settings);
    props.remove("offset.storage.file.filename");
    props.put("group.id", DISTRIBUTED_GROUP);
    props.put("config.storage.topic", "_" + DISTRIBUTED_GROUP + "-configs");
    props.put("offset.storage.topic", "_" + DISTRIBUTED_GROUP + "-offsets");
    props.put("status.storage.topic", "_" + DISTRIBUTED_GROUP + "-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("exactly.once.source.support", "enabled");
    // A restarted worker takes its tasks back at once instead of after the default five minutes.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    return props;
  }

  private static Map<String, String> connectorConfig(Path file) {
    java.util.Properties properties = new java.util.Properties();
    try (var reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the connector configuration " + file.toAbsolutePath() + " ("
          + SinkSettings.CONNECTOR_CONFIGS + "): " + e.getMessage(), e);
    }
    Map<String, String> config = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key)));
    if (config.get("name") == null || config.get("connector.class") == null) {
      throw new IllegalArgumentException("The connector configuration " + file.toAbsolutePath() + " ("
          + SinkSettings.CONNECTOR_CONFIGS + ") needs name and connector.class");
    }
    return config;
  }

  private static void ensureTables(SinkSettings settings, Logger log) {
    Namespace namespace = Namespace.of(settings.namespace());
    List<TableDefinition> definitions = settings.topics().stream()
        .map(topic -> topic.table(namespace))
        .toList();
    Catalog catalog = Catalogs.load(settings.catalogName(), settings.catalogProperties());
    try {
      LakehouseTables.Report report = LakehouseTables.ensure(catalog, namespace, distinctTables(definitions));
      log.info("Lakehouse tables ready: namespace={} created={} evolved={} unchanged={}", namespace,
          report.created().size(), report.evolved().size(), report.unchanged().size());
    } finally {
      if (catalog instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          log.warn("Could not close the catalog after ensuring the tables: {}", e.toString());
        }
      }
    }
  }

  private static List<TableDefinition> distinctTables(List<TableDefinition> definitions) {
    Map<Object, TableDefinition> byIdentifier = new LinkedHashMap<>();
    definitions.forEach(d -> byIdentifier.putIfAbsent(d.identifier(), d));
    return List.copyOf(byIdentifier.values());
  }

  private void putConnector(String name, Map<String, String> config) {
    FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
    connect.herder().putConnectorConfig(name, config, true, created);
    try {
      created.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the connector '" + name + "': " + e.getMessage(), e);
    }
  }

  private void restartFailedTasks() {
    try {
      for (String name : connect.herder().connectors()) {
        ConnectorStateInfo status = connect.herder().connectorStatus(name);
        for (ConnectorStateInfo.TaskState task : status.tasks()) {
          if ("FAILED".equals(task.state())) {
            log.error("Connect task failed, restarting it: connector={} task={} trace={}", name, task.id(),
                task.trace());
            connect.herder().restartTask(new ConnectorTaskId(name, task.id()), new FutureCallback<>());
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("Could not check the lakehouse sink's task states: {}", e.toString());
    }
  }

  /** The Connect REST API of this worker, e.g. {@code http://127.0.0.1:8083/}. */
  public String restUrl() {
    return connect.rest().serverUrl().toString();
  }

  /** The settings this worker runs with. */
  public SinkSettings settings() {
    return settings;
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops the connector and the worker, then waits for the commit coordinator to leave its consumer group. Rows
   * not yet committed are not lost: their offsets were not committed either, so the next start reads them again.
   */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    long stopping = System.nanoTime();
    watchdog.shutdownNow();
    connect.stop();
    awaitCoordinator();
    log.info("Lakehouse sink stopped: connector={} shutdownMs={}", settings.connectorName(),
        (System.nanoTime() - stopping) / 1_000_000);
    stopped.countDown();
  }

  private void awaitCoordinator() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(COORDINATOR_THREAD)) {
        try {
          thread.join(COORDINATOR_STOP_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (thread.isAlive()) {
          log.warn("Iceberg commit coordinator still running {} ms after stop; the next start may wait for its"
              + " session to time out", COORDINATOR_STOP_MS);
        }
      }
    }
  }

  /** Starts the worker and runs until the process is stopped (SIGTERM / Ctrl-C). */
  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "lakehouse-sink-logback.xml");
    }
    boolean print = List.of(args).contains("--print-connector-config");
    String[] settingsArgs = List.of(args).stream().filter(a -> !a.equals("--print-connector-config"))
        .toArray(String[]::new);
    SinkSettings settings;
    try {
      settings = SinkSettings.fromSources(settingsArgs, System.getenv());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("lakehouse sink: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (print) {
      System.out.println(ConnectorConfigJson.of(SinkConnectorConfig.of(settings)));
      return;
    }
    LakehouseSinkWorker worker;
    try {
      worker = start(settings);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(LakehouseSinkWorker.class).error("Lakehouse sink could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "lakehouse-sink-stop"));
    worker.awaitStop();
  }
}
