package io.strata.serving;

import io.strata.auth.secrets.MasterKeyring;
import io.strata.schemas.topics.Topics;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The serving service's settings, read from the environment and validated at start; a bad value fails the start
 * with a message naming the variable.
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}
 * @param schemaRegistryUrl {@value #SCHEMA_REGISTRY_URL}
 * @param blobStore {@value #BLOB_STORE}: where model artifacts are read from
 * @param dataDir {@value #DATA_DIR}: unpacked models under {@code serving/models}, DJL's native libraries under
 *     {@code training/djl-cache} (shared with the trainer)
 * @param httpPort {@value #HTTP_PORT} (0 picks a free port)
 * @param keyring master keys from {@value #MASTER_KEY_FILE}, to verify app signatures
 * @param maxImageBytes {@value #MAX_IMAGE_BYTES}: a larger body is refused with 413
 * @param loadedModels {@value #LOADED_MODELS}: model versions kept loaded (least recently used is closed)
 * @param topics the topics read and written
 * @param host this host's name, in the producer name
 */
public record ServingSettings(String bootstrapServers, String schemaRegistryUrl, String blobStore, Path dataDir,
    int httpPort, MasterKeyring keyring, int maxImageBytes, int loadedModels, ServingTopics topics, String host) {

  public static final String BOOTSTRAP_SERVERS = "STRATA_KAFKA_BOOTSTRAP_SERVERS";
  public static final String SCHEMA_REGISTRY_URL = "STRATA_SCHEMA_REGISTRY_URL";
  public static final String BLOB_STORE = "STRATA_BLOB_STORE";
  public static final String DATA_DIR = "STRATA_DATA_DIR";
  public static final String HTTP_PORT = "STRATA_HTTP_PORT";
  public static final String MASTER_KEY_FILE = "STRATA_MASTER_KEY_FILE";
  public static final String MAX_IMAGE_BYTES = "STRATA_SERVING_MAX_IMAGE_BYTES";
  public static final String LOADED_MODELS = "STRATA_SERVING_LOADED_MODELS";

  /** Default HTTP port under {@code strata up}. */
  public static final int DEFAULT_HTTP_PORT = 8086;

  /**
   * The topics read and written; tests give each run their own.
   *
   * @param models read: published versions and their stages
   * @param apps read: the apps that may call, their limits and blocks
   * @param apiCalls written (one record per call) and read back for the monthly quota
   * @param predictions written (one record per answer) for the drift monitor
   */
  public record ServingTopics(String models, String apps, String apiCalls, String predictions) {

    /** The catalog's topics. */
    public static ServingTopics catalog() {
      return new ServingTopics(Topics.MODELS.name(), Topics.APPS.name(), Topics.API_CALLS.name(),
          Topics.PREDICTIONS.name());
    }
  }

  public ServingSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(blobStore, "blobStore");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(keyring, "keyring");
    Objects.requireNonNull(topics, "topics");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("Invalid " + HTTP_PORT + " " + httpPort + ": expected a port 0..65535");
    }
    if (maxImageBytes < 1024) {
      throw new IllegalArgumentException("Invalid " + MAX_IMAGE_BYTES + " " + maxImageBytes + ": at least 1024");
    }
    if (loadedModels < 1) {
      throw new IllegalArgumentException("Invalid " + LOADED_MODELS + " " + loadedModels + ": at least 1");
    }
  }

  /** Where artifacts are unpacked: {@code <data>/serving/models}. */
  public Path modelsDir() {
    return dataDir.resolve("serving").resolve("models");
  }

  /** DJL's native libraries, shared with the built-in trainer: {@code <data>/training/djl-cache}. */
  public Path djlCacheDir() {
    return dataDir.resolve("training").resolve("djl-cache");
  }

  /** The {@code producer} written on events. */
  public String producer() {
    return "serving@" + host;
  }

  /** Reads and validates the settings from {@code env} (the process environment in production). */
  public static ServingSettings fromEnvironment(Map<String, String> env) {
    Path keyFile = text(env, MASTER_KEY_FILE).map(Path::of).orElseThrow(() -> new IllegalArgumentException(
        MASTER_KEY_FILE + " is not set: name the registry's master key file (strata up passes <data-dir>/secrets/"
            + "master.keys), which the service needs to verify app signatures"));
    return new ServingSettings(
        text(env, BOOTSTRAP_SERVERS).orElse("localhost:9092"),
        text(env, SCHEMA_REGISTRY_URL).orElse("http://localhost:8081"),
        text(env, BLOB_STORE).orElse("strata-data/blobs"),
        Path.of(text(env, DATA_DIR).orElse("strata-data")),
        number(env, HTTP_PORT, DEFAULT_HTTP_PORT),
        MasterKeyring.fromFile(keyFile),
        number(env, MAX_IMAGE_BYTES, 20 * 1024 * 1024),
        number(env, LOADED_MODELS, 8),
        ServingTopics.catalog(),
        hostName());
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    return text(env, name).map(v -> {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid " + name + " '" + v + "': expected a whole number");
      }
    }).orElse(fallback);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  @Override
  public String toString() {
    return "ServingSettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
        + ", blobStore=" + blobStore + ", dataDir=" + dataDir + ", httpPort=" + httpPort + ", maxImageBytes="
        + maxImageBytes + ", loadedModels=" + loadedModels + ", topics=" + topics + "]";
  }
}
