package io.strata.ingest.dropfolder;

import io.strata.ingest.gateway.image.ImageLimits;
import io.strata.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings of the drop-folder connector (docs/ingest.md has the reference table). Exactly one of
 * {@value #PATH} and {@value #S3_BUCKET} says where files are dropped. A bad setting fails when the connector
 * starts, naming the key and the accepted values.
 */
public final class DropFolderConnectorConfig extends AbstractConfig {

  public static final String PATH = "path";
  public static final String S3_BUCKET = "s3.bucket";
  public static final String S3_PREFIX = "s3.prefix";
  public static final String S3_ENDPOINT = "s3.endpoint";
  public static final String S3_REGION = "s3.region";
  public static final String S3_PATH_STYLE = "s3.path.style";
  public static final String S3_ACCESS_KEY = "s3.access.key";
  public static final String S3_SECRET_KEY = "s3.secret.key";
  public static final String TENANT_ID = "tenant.id";
  public static final String UPLOADER_ID = "uploader.id";
  public static final String DATASET = "dataset";
  public static final String TAGS = "tags";
  public static final String AFTER = "after";
  public static final String STABLE_MS = "stable.ms";
  public static final String POLL_INTERVAL_MS = "poll.interval.ms";
  public static final String BATCH_FILES = "batch.files";
  public static final String BLOB_STORE = "blob.store";
  public static final String BLOB_SPOOL_DIR = "blob.spool.dir";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String SAMPLES_TOPIC = "topic.samples";
  public static final String REJECTIONS_TOPIC = "topic.rejections";
  public static final String MAX_FILE_BYTES = "max.file.bytes";
  public static final String MAX_PIXELS = "max.pixels";
  public static final String HEADER_BYTES = "header.bytes";
  /** The Connect name of the connector, passed to the task by the connector. */
  public static final String CONNECTOR_NAME = "name";

  /** What happens to a file once its event is committed. */
  public enum After {
    /** Moved to {@code processed/} (accepted) or {@code rejected/} (refused, with a {@code .reason.txt}). */
    MOVE,
    /** Left in place and remembered in the offsets; a refused file still gets its {@code .reason.txt}. */
    MARK
  }

  static final ConfigDef DEFINITION = new ConfigDef()
      .define(PATH, Type.STRING, null, Importance.HIGH, "Directory to watch (or use s3.bucket).")
      .define(S3_BUCKET, Type.STRING, null, Importance.HIGH, "S3 bucket to watch instead of a directory.")
      .define(S3_PREFIX, Type.STRING, "", Importance.MEDIUM, "Key prefix inside the bucket, e.g. drop/acme/.")
      .define(S3_ENDPOINT, Type.STRING, null, Importance.MEDIUM, "S3-compatible endpoint (MinIO, Ceph), e.g. http://minio:9000.")
      .define(S3_REGION, Type.STRING, "us-east-1", Importance.LOW, "S3 region.")
      .define(S3_PATH_STYLE, Type.BOOLEAN, false, Importance.LOW, "Path-style bucket addressing (MinIO, s3proxy).")
      .define(S3_ACCESS_KEY, Type.PASSWORD, null, Importance.LOW, "Access key; the AWS default chain when absent.")
      .define(S3_SECRET_KEY, Type.PASSWORD, null, Importance.LOW, "Secret key; the AWS default chain when absent.")
      .define(TENANT_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Tenant the samples belong to.")
      .define(UPLOADER_ID, Type.STRING, null, Importance.MEDIUM, "Recorded as the samples' appKey; default drop-folder:<connector name>.")
      .define(DATASET, Type.STRING, null, Importance.MEDIUM, "Dataset hint recorded on every sample.")
      .define(TAGS, Type.LIST, List.of(), Importance.LOW, "Tags recorded on every sample.")
      .define(AFTER, Type.STRING, "move", ConfigDef.ValidString.in("move", "mark"), Importance.MEDIUM,
          "move: to processed/ or rejected/; mark: leave in place, remembered in the offsets.")
      .define(STABLE_MS, Type.LONG, 2000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
          "A file is read once its size and mtime have not changed for this long.")
      .define(POLL_INTERVAL_MS, Type.LONG, 500L, ConfigDef.Range.atLeast(10), Importance.LOW, "How often the folder is listed.")
      .define(BATCH_FILES, Type.INT, 100, ConfigDef.Range.atLeast(1), Importance.LOW, "Files per poll (one transaction).")
      .define(BLOB_STORE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Blob store location: a directory, file: URI or s3://bucket/prefix/?endpoint=... (as the gateway's).")
      .define(BLOB_SPOOL_DIR, Type.STRING, System.getProperty("java.io.tmpdir"), Importance.LOW, "Spool directory of an S3 blob store.")
      .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Strata's schema registry (the events are Avro, Confluent wire format).")
      .define(SAMPLES_TOPIC, Type.STRING, Topics.SAMPLES.name(), Importance.LOW, "Where sample events go.")
      .define(REJECTIONS_TOPIC, Type.STRING, Topics.INGEST_REJECTIONS.name(), Importance.LOW, "Where refusals go.")
      .define(MAX_FILE_BYTES, Type.LONG, 256L * 1024 * 1024, ConfigDef.Range.atLeast(1), Importance.LOW, "Largest accepted file.")
      .define(MAX_PIXELS, Type.LONG, 100_000_000L, ConfigDef.Range.atLeast(1), Importance.LOW, "Largest accepted width x height.")
      .define(HEADER_BYTES, Type.INT, 1024 * 1024, ConfigDef.Range.atLeast(1024), Importance.LOW,
          "Leading bytes searched for the image header.")
      .define(CONNECTOR_NAME, Type.STRING, "drop-folder", Importance.LOW, "The connector's name.");

  public DropFolderConnectorConfig(Map<String, String> props) {
    super(DEFINITION, props);
    boolean local = getString(PATH) != null && !getString(PATH).isBlank();
    boolean s3 = getString(S3_BUCKET) != null && !getString(S3_BUCKET).isBlank();
    if (local == s3) {
      throw new ConfigException("Set exactly one of " + PATH + " (a directory) and " + S3_BUCKET
          + " (with " + S3_PREFIX + "), got " + (local ? "both" : "neither"));
    }
  }

  /**
   * The connector configuration for a local drop folder, ready for {@code PUT /connectors/<name>/config} or a
   * herder: the default tenant's folder under {@code strata up} is {@code <data-dir>/drop/<tenant>/}.
   *
   * @param name the connector's name (recorded as {@code source = drop-folder:<name>})
   * @param tenantId the tenant the samples belong to
   * @param directory the folder to watch (created by the task when missing)
   * @param blobStore the gateway's blob store location (the same bytes must land in the same store)
   * @param schemaRegistryUrl Strata's schema registry
   */
  public static Map<String, String> forDirectory(String name, String tenantId, Path directory, String blobStore,
      String schemaRegistryUrl) {
    Map<String, String> config = common(name, tenantId, blobStore, schemaRegistryUrl);
    config.put(PATH, directory.toAbsolutePath().toString());
    return config;
  }

  /** The connector configuration for an S3 prefix; see {@link #forDirectory} for the other arguments. */
  public static Map<String, String> forBucket(String name, String tenantId, String bucket, String prefix,
      Optional<String> endpoint, boolean pathStyle, String blobStore, String schemaRegistryUrl) {
    Map<String, String> config = common(name, tenantId, blobStore, schemaRegistryUrl);
    config.put(S3_BUCKET, bucket);
    config.put(S3_PREFIX, prefix);
    endpoint.ifPresent(e -> config.put(S3_ENDPOINT, e));
    config.put(S3_PATH_STYLE, Boolean.toString(pathStyle));
    return config;
  }

  private static Map<String, String> common(String name, String tenantId, String blobStore, String registry) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("connector.class", DropFolderSourceConnector.class.getName());
    config.put("tasks.max", "1");
    // Events are serialised by the task (Avro, Confluent wire format, Strata's registry): pass the bytes through.
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("exactly.once.support", "required");
    config.put(TENANT_ID, tenantId);
    config.put(BLOB_STORE, blobStore);
    config.put(SCHEMA_REGISTRY_URL, registry);
    return config;
  }

  /** Where files are watched, as recorded in the offsets' source partition. */
  String location() {
    return isLocal() ? "file:" + Path.of(getString(PATH)).toAbsolutePath().normalize()
        : "s3://" + getString(S3_BUCKET) + "/" + getString(S3_PREFIX);
  }

  boolean isLocal() {
    return getString(PATH) != null && !getString(PATH).isBlank();
  }

  String connectorName() {
    return getString(CONNECTOR_NAME);
  }

  /** The ingest path recorded on events: {@code drop-folder:<connector name>}. */
  String source() {
    return "drop-folder:" + connectorName();
  }

  String uploaderId() {
    String id = getString(UPLOADER_ID);
    return id == null || id.isBlank() ? source() : id;
  }

  After after() {
    return After.valueOf(getString(AFTER).toUpperCase(java.util.Locale.ROOT));
  }

  Duration stable() {
    return Duration.ofMillis(getLong(STABLE_MS));
  }

  ImageLimits limits() {
    return new ImageLimits(getLong(MAX_FILE_BYTES), getLong(MAX_PIXELS), getInt(HEADER_BYTES));
  }

  Optional<String> secret(String key) {
    Password password = getPassword(key);
    return password == null ? Optional.empty() : Optional.of(password.value());
  }
}
