package io.strata.trainer.service;

import io.strata.auth.secrets.AdminTokenFile;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.schemas.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trainer launcher service's settings, read from the environment and validated at start; a bad value fails
 * the start with a message naming the variable.
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}
 * @param schemaRegistryUrl {@value #SCHEMA_REGISTRY_URL}
 * @param blobStore {@value #BLOB_STORE}: handed to the built-in trainer; custom trainers' code, weights and
 *     artifacts are stored there
 * @param dataDir {@value #DATA_DIR}: job logs under {@code training/logs}, work dirs under {@code training/work}
 * @param httpPort {@value #HTTP_PORT} (0 picks a free port)
 * @param adminToken the operator's bearer token from {@value #ADMIN_TOKEN_FILE}; empty: operator calls refused
 * @param keyring master keys from {@value #MASTER_KEY_FILE}; empty: signed app requests refused
 * @param inventory {@value #GPU_INVENTORY}: {@code auto} or the path of an inventory file
 * @param builtinClasspath {@value #BUILTIN_CLASSPATH}; empty: jobs of trainer {@code builtin} fail saying so
 * @param builtinMain {@value #BUILTIN_MAIN}: the built-in trainer's main class
 * @param launcher {@value #LAUNCHER}: {@code local} or {@code kubernetes}
 * @param kubernetesNamespace {@value #KUBERNETES_NAMESPACE}
 * @param topics the topics read and written
 * @param lease the single-instance lease
 * @param host this host's name, in the producer name and the {@code auto} inventory
 */
public record LauncherSettings(String bootstrapServers, String schemaRegistryUrl, String blobStore, Path dataDir,
    int httpPort, Optional<String> adminToken, Optional<MasterKeyring> keyring, String inventory,
    Optional<String> builtinClasspath, String builtinMain, String launcher, String kubernetesNamespace,
    ServiceTopics topics, LeaseSettings lease, String host) {

  public static final String BOOTSTRAP_SERVERS = "STRATA_KAFKA_BOOTSTRAP_SERVERS";
  public static final String SCHEMA_REGISTRY_URL = "STRATA_SCHEMA_REGISTRY_URL";
  public static final String BLOB_STORE = "STRATA_BLOB_STORE";
  public static final String DATA_DIR = "STRATA_DATA_DIR";
  public static final String HTTP_PORT = "STRATA_HTTP_PORT";
  public static final String ADMIN_TOKEN_FILE = "STRATA_ADMIN_TOKEN_FILE";
  public static final String MASTER_KEY_FILE = "STRATA_MASTER_KEY_FILE";
  public static final String GPU_INVENTORY = "STRATA_GPU_INVENTORY";
  public static final String BUILTIN_CLASSPATH = "STRATA_BUILTIN_TRAINER_CLASSPATH";
  public static final String BUILTIN_MAIN = "STRATA_BUILTIN_TRAINER_MAIN";
  public static final String LAUNCHER = "STRATA_LAUNCHER";
  public static final String KUBERNETES_NAMESPACE = "STRATA_KUBERNETES_NAMESPACE";

  /** The built-in trainer's main class (module {@code trainer-launcher/builtin}). */
  public static final String DEFAULT_BUILTIN_MAIN = "io.strata.trainer.builtin.TrainMain";
  /** Default HTTP port under {@code strata up}. */
  public static final int DEFAULT_HTTP_PORT = 8085;

  /**
   * The topics the service reads and writes; tests give each run their own.
   *
   * @param trainingJobs the job log
   * @param datasets read for VERSION_CUT events (which versions exist, their item counts, their tenant)
   * @param apps read to verify signed requests
   * @param trainers custom trainers, read and written
   * @param datasetVersionItems read for a custom trainer's {@code items.jsonl}
   */
  public record ServiceTopics(String trainingJobs, String datasets, String apps, String trainers,
      String datasetVersionItems) {

    /** The given job, dataset and app topics with the catalog's trainers and items topics. */
    public ServiceTopics(String trainingJobs, String datasets, String apps) {
      this(trainingJobs, datasets, apps, Topics.TRAINERS.name(), Topics.DATASET_VERSION_ITEMS.name());
    }

    /** The catalog's topics. */
    public static ServiceTopics catalog() {
      return new ServiceTopics(Topics.TRAINING_JOBS.name(), Topics.DATASETS.name(), Topics.APPS.name());
    }
  }

  /**
   * The single-instance lease: membership of a consumer group on a single-partition topic; whoever is assigned
   * the partition holds it.
   *
   * @param topic a single-partition topic (the catalog's {@code tenants}); its records are never read
   * @param group the consumer group; nothing is ever committed under it
   * @param sessionTimeout how long a crashed holder keeps the lease
   * @param acquireTimeout how long a start waits for the lease before refusing (longer than the session timeout,
   *     so that a restart after a crash gets it)
   */
  public record LeaseSettings(String topic, String group, Duration sessionTimeout, Duration acquireTimeout) {
    /** {@code tenants}, group {@code strata-trainer-launcher}, 10 s session, 20 s to acquire. */
    public static LeaseSettings defaults() {
      return new LeaseSettings(Topics.TENANTS.name(), "strata-trainer-launcher", Duration.ofSeconds(10),
          Duration.ofSeconds(20));
    }
  }

  public LauncherSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(blobStore, "blobStore");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(lease, "lease");
    if (!launcher.equals("local") && !launcher.equals("kubernetes")) {
      throw new IllegalArgumentException("Invalid " + LAUNCHER + " '" + launcher + "': expected local or kubernetes");
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("Invalid " + HTTP_PORT + " " + httpPort + ": expected a port 0..65535");
    }
  }

  /** Job logs: {@code <data>/training/logs}. */
  public Path logsDir() {
    return dataDir.resolve("training").resolve("logs");
  }

  /** Trainer work directories: {@code <data>/training/work/<jobId>}. */
  public Path workDir() {
    return dataDir.resolve("training").resolve("work");
  }

  /** DJL's cache of native libraries: {@code <data>/training/djl-cache}. */
  public Path djlCacheDir() {
    return dataDir.resolve("training").resolve("djl-cache");
  }

  /** The {@code producer} written on events. */
  public String producer() {
    return "trainer-launcher@" + host;
  }

  /** Reads and validates the settings from {@code env} (the process environment in production). */
  public static LauncherSettings fromEnvironment(Map<String, String> env) {
    var port = text(env, HTTP_PORT).map(v -> {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid " + HTTP_PORT + " '" + v + "': expected a port number, e.g. 8085");
      }
    }).orElse(DEFAULT_HTTP_PORT);
    return new LauncherSettings(
        text(env, BOOTSTRAP_SERVERS).orElse("localhost:9092"),
        text(env, SCHEMA_REGISTRY_URL).orElse("http://localhost:8081"),
        text(env, BLOB_STORE).orElse("strata-data/blobs"),
        Path.of(text(env, DATA_DIR).orElse("strata-data")),
        port,
        text(env, ADMIN_TOKEN_FILE).map(f -> readTokenFile(Path.of(f))),
        text(env, MASTER_KEY_FILE).map(f -> MasterKeyring.fromFile(Path.of(f))),
        text(env, GPU_INVENTORY).orElse("auto"),
        text(env, BUILTIN_CLASSPATH),
        text(env, BUILTIN_MAIN).orElse(DEFAULT_BUILTIN_MAIN),
        text(env, LAUNCHER).orElse("local"),
        text(env, KUBERNETES_NAMESPACE).orElse("default"),
        ServiceTopics.catalog(),
        LeaseSettings.defaults(),
        hostName());
  }

  /** This machine's host name, {@code localhost} when it cannot be resolved. */
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  static String readTokenFile(Path file) {
    return AdminTokenFile.read(file, ADMIN_TOKEN_FILE);
  }

  @Override
  public String toString() {
    return "LauncherSettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
        + ", blobStore=" + blobStore + ", dataDir=" + dataDir + ", httpPort=" + httpPort + ", operator="
        + adminToken.isPresent() + ", signedRequests=" + keyring.isPresent() + ", inventory=" + inventory
        + ", builtinClasspath=" + builtinClasspath.isPresent() + ", launcher=" + launcher + ", topics=" + topics + "]";
  }
}
