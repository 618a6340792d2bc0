package io.strata.lakehouse.sink;

import io.strata.lakehouse.tables.Catalogs;
import io.strata.lakehouse.tables.TableNames;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the lakehouse sink worker needs, validated when it starts; a bad setting fails with its key and the
 * accepted values.
 *
 * <table>
 *   <caption>Settings (command-line {@code --key=value}, environment {@code STRATA_LAKEHOUSE_KEY}, or a
 *   properties file given with {@code --config}; the command line wins over the environment, which wins over the
 *   file)</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #BOOTSTRAP_SERVERS}</td><td>required</td><td>Kafka, {@code host:port[,host:port]}</td></tr>
 *   <tr><td>{@value #SCHEMA_REGISTRY_URL}</td><td>required</td><td>Strata's schema registry</td></tr>
 *   <tr><td>{@value #DATA_DIR}</td><td>{@code data/lakehouse}</td><td>Connect offsets file; SQLite catalog and
 *       warehouse unless {@code catalog.*} is given</td></tr>
 *   <tr><td>{@value #NAMESPACE}</td><td>{@code strata}</td><td>the Iceberg namespace of the tables</td></tr>
 *   <tr><td>{@value #COMMIT_INTERVAL_MS}</td><td>2000</td><td>how often rows are committed (freshness)</td></tr>
 *   <tr><td>{@value #TOPICS}</td><td>every lakehouse topic</td><td>comma-separated {@code topic} or
 *       {@code topic=catalogTopic}</td></tr>
 *   <tr><td>{@value #TASKS_MAX}</td><td>the machine's cores, at most {@value #MAX_DEFAULT_TASKS}</td><td>sink
 *       tasks (consumer and writer threads) in this worker; each converts and writes on its own core</td></tr>
 *   <tr><td>{@value #REST_PORT}</td><td>0 (any free port)</td><td>the Connect REST API, on 127.0.0.1</td></tr>
 *   <tr><td>{@value #CONNECTOR_NAME}</td><td>{@code strata-lakehouse}</td><td>also names the consumer group
 *       {@code connect-<name>}</td></tr>
 *   <tr><td>{@value #CONTROL_TOPIC}</td><td>{@code _strata-lakehouse-control}</td><td>the sink's commit
 *       protocol topic, created when missing</td></tr>
 *   <tr><td>{@value #CATALOG_NAME}</td><td>{@code strata}</td><td>the Iceberg catalog's name</td></tr>
 *   <tr><td>{@value #WORKER_MODE}</td><td>{@code standalone}</td><td>{@code standalone}: offsets in
 *       {@code <data.dir>/connect.offsets}; {@code distributed}: a one-worker distributed Connect cluster on the
 *       broker (group {@code strata-connect}, topics {@code _strata-connect-configs|offsets|status}, RF 1) with
 *       {@code exactly.once.source.support=enabled}, which exactly-once source connectors (the drop folder)
 *       need</td></tr>
 *   <tr><td>{@value #CONNECTOR_CONFIGS}</td><td>none</td><td>comma-separated properties files, each one more
 *       connector (its {@code name} and {@code connector.class} included) the worker runs next to the sink</td></tr>
 *   <tr><td>{@code catalog.<property>}</td><td>JDBC on {@code <data.dir>/catalog.db}</td><td>Iceberg catalog
 *       properties, e.g. {@code catalog.type=rest}, {@code catalog.uri=...}, {@code catalog.io-impl=...}</td></tr>
 * </table>
 */
public record SinkSettings(
    String bootstrapServers,
    String schemaRegistryUrl,
    Path dataDirectory,
    String namespace,
    Duration commitInterval,
    List<SourceTopic> topics,
    int tasksMax,
    int restPort,
    String connectorName,
    String controlTopic,
    String catalogName,
    Map<String, String> catalogProperties,
    WorkerMode workerMode,
    List<Path> connectorConfigs) {

  /** How the Connect worker keeps its configs and offsets. */
  public enum WorkerMode {
    /** Offsets in a local file; no exactly-once source support. */
    STANDALONE,
    /** Configs, offsets and statuses in Kafka topics; exactly-once source support enabled. */
    DISTRIBUTED
  }

  /** Settings with a standalone worker and no other connector. */
  public SinkSettings(String bootstrapServers, String schemaRegistryUrl, Path dataDirectory, String namespace,
      Duration commitInterval, List<SourceTopic> topics, int tasksMax, int restPort, String connectorName,
      String controlTopic, String catalogName, Map<String, String> catalogProperties) {
    this(bootstrapServers, schemaRegistryUrl, dataDirectory, namespace, commitInterval, topics, tasksMax, restPort,
        connectorName, controlTopic, catalogName, catalogProperties, WorkerMode.STANDALONE, List.of());
  }

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String DATA_DIR = "data.dir";
  public static final String NAMESPACE = "namespace";
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
  public static final String TOPICS = "topics";
  public static final String TASKS_MAX = "tasks.max";
  static final int MAX_DEFAULT_TASKS = 4;
  public static final String REST_PORT = "rest.port";
  public static final String CONNECTOR_NAME = "connector.name";
  public static final String CONTROL_TOPIC = "control.topic";
  public static final String CATALOG_NAME = "catalog.name";
  public static final String CATALOG_PREFIX = "catalog.";
  public static final String CONFIG_FILE = "config";
  public static final String WORKER_MODE = "worker.mode";
  public static final String CONNECTOR_CONFIGS = "connector.configs";
  static final String ENV_PREFIX = "STRATA_LAKEHOUSE_";

  private static final Set<String> KEYS = Set.of(BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, DATA_DIR, NAMESPACE,
      COMMIT_INTERVAL_MS, TOPICS, TASKS_MAX, REST_PORT, CONNECTOR_NAME, CONTROL_TOPIC, CATALOG_NAME, WORKER_MODE,
      CONNECTOR_CONFIGS);

  public SinkSettings {
    require(bootstrapServers, BOOTSTRAP_SERVERS, "host:port[,host:port...], e.g. localhost:9092");
    require(schemaRegistryUrl, SCHEMA_REGISTRY_URL, "the registry's URL, e.g. http://localhost:8081");
    require(namespace, NAMESPACE, "an Iceberg namespace such as strata");
    require(connectorName, CONNECTOR_NAME, "a Connect connector name such as strata-lakehouse");
    require(controlTopic, CONTROL_TOPIC, "a Kafka topic name");
    require(catalogName, CATALOG_NAME, "a catalog name such as strata");
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("Invalid " + COMMIT_INTERVAL_MS + " " + commitInterval.toMillis()
          + ": expected a positive number of milliseconds, e.g. 2000");
    }
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + TOPICS + ": empty; expected at least one lakehouse topic");
    }
    if (tasksMax < 1) {
      throw new IllegalArgumentException("Invalid " + TASKS_MAX + " " + tasksMax + ": expected 1 or more");
    }
    if (restPort < 0 || restPort > 65535) {
      throw new IllegalArgumentException("Invalid " + REST_PORT + " " + restPort + ": expected 0 (any free port)"
          + " to 65535");
    }
    topics = List.copyOf(topics);
    catalogProperties = Map.copyOf(catalogProperties);
    java.util.Objects.requireNonNull(workerMode, WORKER_MODE);
    connectorConfigs = List.copyOf(connectorConfigs);
  }

  /** These settings with another worker mode and other connectors next to the sink. */
  public SinkSettings withWorker(WorkerMode newMode, List<Path> newConnectorConfigs) {
    return new SinkSettings(bootstrapServers, schemaRegistryUrl, dataDirectory, namespace, commitInterval, topics,
        tasksMax, restPort, connectorName, controlTopic, catalogName, catalogProperties, newMode, newConnectorConfigs);
  }

  /**
   * One sink task per core, up to {@value #MAX_DEFAULT_TASKS}: a task converts and writes Parquet on one thread,
   * so a second core nearly doubles what the worker drains (docs/BENCHMARKS.md); beyond a few tasks the topics'
   * partitions, not the cores, are the limit.
   */
  static int defaultTasks() {
    return Math.max(1, Math.min(MAX_DEFAULT_TASKS, Runtime.getRuntime().availableProcessors()));
  }

  /** The defaults, reading every lakehouse topic into namespace {@code strata} of a SQLite catalog in {@code dataDirectory}. */
  public static SinkSettings defaults(String bootstrapServers, String schemaRegistryUrl, Path dataDirectory) {
    return new SinkSettings(bootstrapServers, schemaRegistryUrl, dataDirectory, TableNames.DEFAULT_NAMESPACE,
        Duration.ofSeconds(2), TableNames.lakehouseTopics().stream().map(SourceTopic::of).toList(), defaultTasks(), 0,
        "strata-lakehouse", "_strata-lakehouse-control", Catalogs.CATALOG_NAME,
        sqliteCatalog(dataDirectory));
  }

  /** The embedded default catalog: JDBC on {@code <dataDirectory>/catalog.db}, warehouse {@code <dataDirectory>/warehouse}. */
  public static Map<String, String> sqliteCatalog(Path dataDirectory) {
    return Catalogs.sqliteProperties(dataDirectory.resolve("catalog.db"), dataDirectory.resolve("warehouse"));
  }

  /** These settings with other topics. */
  public SinkSettings withTopics(List<SourceTopic> newTopics) {
    return new SinkSettings(bootstrapServers, schemaRegistryUrl, dataDirectory, namespace, commitInterval, newTopics,
        tasksMax, restPort, connectorName, controlTopic, catalogName, catalogProperties, workerMode, connectorConfigs);
  }

  /** These settings with another namespace and commit interval. */
  public SinkSettings with(String newNamespace, Duration newCommitInterval) {
    return new SinkSettings(bootstrapServers, schemaRegistryUrl, dataDirectory, newNamespace, newCommitInterval,
        topics, tasksMax, restPort, connectorName, controlTopic, catalogName, catalogProperties, workerMode,
        connectorConfigs);
  }

  /** These settings with another connector name, control topic and task count. */
  public SinkSettings withConnector(String newConnectorName, String newControlTopic, int newTasksMax) {
    return new SinkSettings(bootstrapServers, schemaRegistryUrl, dataDirectory, namespace, commitInterval, topics,
        newTasksMax, restPort, newConnectorName, newControlTopic, catalogName, catalogProperties, workerMode,
        connectorConfigs);
  }

  /** These settings with another catalog: Iceberg catalog properties, as {@code catalog.*} gives them. */
  public SinkSettings withCatalog(Map<String, String> newCatalogProperties) {
    return new SinkSettings(bootstrapServers, schemaRegistryUrl, dataDirectory, namespace, commitInterval, topics,
        tasksMax, restPort, connectorName, controlTopic, catalogName, newCatalogProperties, workerMode,
        connectorConfigs);
  }

  /**
   * Reads the settings from the command line ({@code --key=value} or {@code --key value}), the environment
   * ({@code STRATA_LAKEHOUSE_BOOTSTRAP_SERVERS}, ...: the key in upper case with dots as underscores) and an
   * optional properties file ({@code --config <file>} or {@code STRATA_LAKEHOUSE_CONFIG}).
   */
  public static SinkSettings fromSources(String[] args, Map<String, String> environment) {
    Map<String, String> commandLine = commandLine(args);
    Map<String, String> merged = new LinkedHashMap<>();
    String file = commandLine.getOrDefault(CONFIG_FILE, environment.get(ENV_PREFIX + "CONFIG"));
    if (file != null) {
      merged.putAll(propertiesFile(Path.of(file)));
    }
    for (String key : KEYS) {
      String value = environment.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_'));
      if (value != null) {
        merged.put(key, value);
      }
    }
    commandLine.remove(CONFIG_FILE);
    merged.putAll(commandLine);
    return fromMap(merged);
  }

  /** Builds the settings from {@code key -> value} (see the class documentation for the keys). */
  public static SinkSettings fromMap(Map<String, String> values) {
    Set<String> unknown = new TreeSet<>();
    Map<String, String> catalog = new LinkedHashMap<>();
    values.forEach((key, value) -> {
      if (key.startsWith(CATALOG_PREFIX) && !key.equals(CATALOG_NAME)) {
        catalog.put(key.substring(CATALOG_PREFIX.length()), value);
      } else if (!KEYS.contains(key)) {
        unknown.add(key);
      }
    });
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Unknown lakehouse sink setting(s) " + unknown + ": expected "
          + new TreeSet<>(KEYS) + ", catalog.<iceberg catalog property> or " + CONFIG_FILE);
    }
    Path dataDirectory = Path.of(values.getOrDefault(DATA_DIR, "data/lakehouse"));
    SinkSettings defaults = defaults(values.get(BOOTSTRAP_SERVERS), values.get(SCHEMA_REGISTRY_URL), dataDirectory);
    List<SourceTopic> topics = values.containsKey(TOPICS)
        ? Arrays.stream(values.get(TOPICS).split(",")).filter(s -> !s.isBlank()).map(SourceTopic::parse).toList()
        : defaults.topics();
    return new SinkSettings(defaults.bootstrapServers(), defaults.schemaRegistryUrl(), dataDirectory,
        values.getOrDefault(NAMESPACE, defaults.namespace()),
        Duration.ofMillis(number(values, COMMIT_INTERVAL_MS, defaults.commitInterval().toMillis())),
        topics,
        (int) number(values, TASKS_MAX, defaults.tasksMax()),
        (int) number(values, REST_PORT, defaults.restPort()),
        values.getOrDefault(CONNECTOR_NAME, defaults.connectorName()),
        values.getOrDefault(CONTROL_TOPIC, defaults.controlTopic()),
        values.getOrDefault(CATALOG_NAME, defaults.catalogName()),
        catalog.isEmpty() ? defaults.catalogProperties() : catalog,
        workerMode(values.getOrDefault(WORKER_MODE, "standalone")),
        Arrays.stream(values.getOrDefault(CONNECTOR_CONFIGS, "").split(",")).map(String::strip)
            .filter(s -> !s.isEmpty()).map(Path::of).toList());
  }

  private static WorkerMode workerMode(String value) {
    try {
      return WorkerMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid " + WORKER_MODE + " '" + value + "': expected standalone or "
          + "distributed", e);
    }
  }

  /** The settings as {@code --key=value} arguments, what {@link #fromSources} reads back (child processes, tests). */
  public List<String> toArguments() {
    List<String> args = new java.util.ArrayList<>(List.of(
        "--" + BOOTSTRAP_SERVERS + "=" + bootstrapServers,
        "--" + SCHEMA_REGISTRY_URL + "=" + schemaRegistryUrl,
        "--" + DATA_DIR + "=" + dataDirectory,
        "--" + NAMESPACE + "=" + namespace,
        "--" + COMMIT_INTERVAL_MS + "=" + commitInterval.toMillis(),
        "--" + TOPICS + "=" + String.join(",", topics.stream().map(SourceTopic::toString).toList()),
        "--" + TASKS_MAX + "=" + tasksMax,
        "--" + REST_PORT + "=" + restPort,
        "--" + CONNECTOR_NAME + "=" + connectorName,
        "--" + CONTROL_TOPIC + "=" + controlTopic,
        "--" + CATALOG_NAME + "=" + catalogName));
    catalogProperties.forEach((key, value) -> args.add("--" + CATALOG_PREFIX + key + "=" + value));
    args.add("--" + WORKER_MODE + "=" + workerMode.name().toLowerCase(Locale.ROOT));
    if (!connectorConfigs.isEmpty()) {
      args.add("--" + CONNECTOR_CONFIGS + "=" + String.join(",", connectorConfigs.stream().map(Path::toString).toList()));
    }
    return args;
  }

  private static Map<String, String> commandLine(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "': expected --key=value or --key value");
      }
      int equals = arg.indexOf('=');
      if (equals > 0) {
        values.put(arg.substring(2, equals), arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        values.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("Argument '" + arg + "' has no value: expected " + arg + "=<value>");
      }
    }
    return values;
  }

  private static Map<String, String> propertiesFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the lakehouse sink settings file " + file.toAbsolutePath()
          + " (--" + CONFIG_FILE + "): " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).strip()));
    return values;
  }

  private static long number(Map<String, String> values, String key, long defaultValue) {
    String value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + key + " '" + value + "': expected a whole number", e);
    }
  }

  private static void require(String value, String key, String expected) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Missing " + key + ": expected " + expected + " (--" + key
          + "=..., or " + ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_') + ")");
    }
  }
}
