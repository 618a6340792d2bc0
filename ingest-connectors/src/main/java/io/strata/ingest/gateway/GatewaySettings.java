package io.strata.ingest.gateway;

import io.micronaut.core.value.PropertyResolver;
import io.strata.auth.secrets.MasterKeyring;
import io.strata.auth.signing.VerifierSettings;
import io.strata.ingest.gateway.image.ImageLimits;
import io.strata.ingest.gateway.upload.EventLog.EventTopics;
import io.strata.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's settings, read and validated at startup; a bad one fails it with a message naming the key.
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}
 * @param schemaRegistryUrl {@value #SCHEMA_REGISTRY_URL}
 * @param blobDirectory {@value #BLOB_DIRECTORY}: root of the local blob store
 * @param keyring the master keys app secrets are encrypted under ({@value #MASTER_KEY_FILE} or {@value #MASTER_KEYS})
 * @param appsTopic {@value #APPS_TOPIC}
 * @param topics {@value #SAMPLES_TOPIC}, {@value #LABELS_TOPIC}, {@value #REJECTIONS_TOPIC}, dead letters
 * @param limits {@value #MAX_FILE_SIZE}, {@value #MAX_PIXELS}, {@value #HEADER_SIZE}
 * @param maxRequestSize {@value #MAX_REQUEST_SIZE}: a whole request, all multipart files together
 * @param verifier {@value #SKEW_WINDOW} and {@value #NONCE_CAPACITY}
 * @param kafkaTimeout {@value #KAFKA_TIMEOUT}: how long an event may wait for its acknowledgement
 * @param startupTimeout {@value #STARTUP_TIMEOUT}: how long the views may take to catch up at start
 * @param producer {@value #PRODUCER}: the producer name on events
 */
public record GatewaySettings(String bootstrapServers, String schemaRegistryUrl, Path blobDirectory,
    MasterKeyring keyring, String appsTopic, EventTopics topics, ImageLimits limits, long maxRequestSize,
    VerifierSettings verifier, Duration kafkaTimeout, Duration startupTimeout, String producer) {

  public static final String BOOTSTRAP_SERVERS = "strata.kafka.bootstrap-servers";
  public static final String SCHEMA_REGISTRY_URL = "strata.schema-registry.url";
  public static final String BLOB_DIRECTORY = "strata.ingest.blob-directory";
  public static final String MASTER_KEY_FILE = "strata.secrets.master-key-file";
  public static final String MASTER_KEYS = "strata.secrets.master-keys";
  public static final String APPS_TOPIC = "strata.apps.topic";
  public static final String SAMPLES_TOPIC = "strata.ingest.samples-topic";
  public static final String LABELS_TOPIC = "strata.ingest.labels-topic";
  public static final String REJECTIONS_TOPIC = "strata.ingest.rejections-topic";
  public static final String MAX_FILE_SIZE = "strata.ingest.max-file-size";
  public static final String MAX_REQUEST_SIZE = "strata.ingest.max-request-size";
  public static final String MAX_PIXELS = "strata.ingest.max-pixels";
  public static final String HEADER_SIZE = "strata.ingest.header-size";
  public static final String SKEW_WINDOW = "strata.ingest.skew-window";
  public static final String NONCE_CAPACITY = "strata.ingest.nonce-capacity";
  public static final String KAFKA_TIMEOUT = "strata.ingest.kafka-timeout";
  public static final String STARTUP_TIMEOUT = "strata.ingest.startup-timeout";
  public static final String PRODUCER = "strata.ingest.producer";

  /** Defaults, also written in application.yml. */
  public static final String DEFAULT_MAX_FILE_SIZE = "256MB";
  public static final String DEFAULT_MAX_REQUEST_SIZE = "1GB";
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
  public static final String DEFAULT_HEADER_SIZE = "1MB";

  public GatewaySettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(blobDirectory, "blobDirectory");
    Objects.requireNonNull(keyring, "keyring");
    if (maxRequestSize < limits.maxBytes()) {
      throw new IllegalArgumentException("Invalid " + MAX_REQUEST_SIZE + " " + maxRequestSize + ": must be at least "
          + MAX_FILE_SIZE + " (" + limits.maxBytes() + ")");
    }
  }

  /** Reads and validates the settings. @throws IllegalArgumentException naming the key */
  public static GatewaySettings from(PropertyResolver p) {
    String bootstrap = required(p, BOOTSTRAP_SERVERS, "host:port[,host:port...], e.g. localhost:9092");
    String registry = required(p, SCHEMA_REGISTRY_URL, "the schema registry's URL, e.g. http://localhost:8081");
    Path blobs = Path.of(required(p, BLOB_DIRECTORY, "a directory for image blobs, e.g. /var/lib/strata/blobs"));
    Optional<String> keyFile = text(p, MASTER_KEY_FILE);
    Optional<String> keys = text(p, MASTER_KEYS);
    if (keyFile.isPresent() && keys.isPresent()) {
      throw new IllegalArgumentException("Both " + MASTER_KEY_FILE + " and " + MASTER_KEYS + " are set; set one");
    }
    MasterKeyring keyring = keyFile.map(f -> MasterKeyring.fromFile(Path.of(f))).or(() -> keys.map(MasterKeyring::parse))
        .orElseThrow(() -> new IllegalArgumentException("No master key: set " + MASTER_KEY_FILE + " (the file the "
            + "registry service uses, lines 'id:base64key', owner-only) or " + MASTER_KEYS
            + "; the gateway needs it to decrypt app secrets"));
    var limits = new ImageLimits(
        ByteSize.parse(MAX_FILE_SIZE, text(p, MAX_FILE_SIZE).orElse(DEFAULT_MAX_FILE_SIZE)),
        text(p, MAX_PIXELS).map(v -> positiveLong(MAX_PIXELS, v)).orElse(DEFAULT_MAX_PIXELS),
        (int) Math.min(Integer.MAX_VALUE - 8, ByteSize.parse(HEADER_SIZE, text(p, HEADER_SIZE).orElse(DEFAULT_HEADER_SIZE))));
    long maxRequest = ByteSize.parse(MAX_REQUEST_SIZE, text(p, MAX_REQUEST_SIZE).orElse(DEFAULT_MAX_REQUEST_SIZE));
    var verifier = new VerifierSettings(duration(p, SKEW_WINDOW, VerifierSettings.DEFAULT_SKEW_WINDOW),
        text(p, NONCE_CAPACITY).map(v -> (int) positiveLong(NONCE_CAPACITY, v)).orElse(VerifierSettings.DEFAULT_NONCE_CAPACITY));
    var topics = new EventTopics(
        text(p, SAMPLES_TOPIC).orElse(Topics.SAMPLES.name()),
        text(p, LABELS_TOPIC).orElse(Topics.LABELS.name()),
        text(p, REJECTIONS_TOPIC).orElse(Topics.INGEST_REJECTIONS.name()),
        Topics.DEAD_LETTERS.name());
    return new GatewaySettings(bootstrap, registry, blobs, keyring, text(p, APPS_TOPIC).orElse(Topics.APPS.name()),
        topics, limits, maxRequest, verifier, duration(p, KAFKA_TIMEOUT, Duration.ofSeconds(10)),
        duration(p, STARTUP_TIMEOUT, Duration.ofSeconds(60)), text(p, PRODUCER).orElse("ingest-gateway"));
  }

  private static Optional<String> text(PropertyResolver p, String key) {
    return p.get(key, String.class).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static String required(PropertyResolver p, String key, String expected) {
    return text(p, key).orElseThrow(() -> new IllegalArgumentException("Missing " + key + ": expected " + expected));
  }

  private static long positiveLong(String key, String value) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid " + key + " '" + value + "': expected a positive whole number");
  }

  private static Duration duration(PropertyResolver p, String key, Duration fallback) {
    Optional<String> value = text(p, key);
    if (value.isEmpty()) {
      return fallback;
    }
    return p.get(key, Duration.class).orElseThrow(() -> new IllegalArgumentException("Invalid " + key + " '"
        + value.get() + "': expected a duration such as 300s or 5m"));
  }

  @Override
  public String toString() {
    return "GatewaySettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
        + ", blobDirectory=" + blobDirectory + ", appsTopic=" + appsTopic + ", topics=" + topics + ", limits="
        + limits + ", maxRequestSize=" + maxRequestSize + ", skewWindow=" + verifier.skewWindow() + "]";
  }
}
