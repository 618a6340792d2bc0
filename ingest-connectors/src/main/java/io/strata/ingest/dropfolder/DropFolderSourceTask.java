package io.strata.ingest.dropfolder;

import io.strata.blobstore.BlobStores;
import io.strata.blobstore.S3Location;
import io.strata.events.IngestRejection;
import io.strata.events.SampleEvent;
import io.strata.ingest.dropfolder.DropFolderConnectorConfig.After;
import io.strata.ingest.gateway.image.ImageFormat;
import io.strata.ingest.gateway.upload.Caller;
import io.strata.ingest.gateway.upload.ImageIntake;
import io.strata.ingest.gateway.upload.IngestEvents;
import io.strata.ingest.gateway.upload.UploadMetadata;
import io.strata.ingest.gateway.upload.Uploads.FileUpload;
import io.strata.ingest.gateway.upload.Uploads.Refused;
import io.strata.ingest.gateway.upload.Uploads.Stored;
import io.strata.ingest.gateway.upload.Uploads.StoredBlob;
import io.strata.schemas.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the folder, waits for each file to be stable, and turns it into one record: the {@code UPLOADED} sample
 * event once its blob is durable, or an {@code ingest-rejections} event. The record's source offset is the file's
 * {@link FileOutcome}; the file is moved (or marked) only after Connect has committed that record, and a file whose
 * outcome is already in the offsets is never read again, which makes the whole exactly once on a worker with
 * exactly-once source support (offsets and records commit in one transaction).
 */
public final class DropFolderSourceTask extends SourceTask {

  static final String VERSION = "1";
  private static final Logger log = LoggerFactory.getLogger(DropFolderSourceTask.class);
  private static final String PRODUCER = "drop-folder-connector";

  private DropFolderConnectorConfig config;
  private DropSource source;
  private ImageIntake intake;
  private StableFiles stability;
  private Serializer<SampleEvent> samples;
  private Serializer<IngestRejection> rejections;
  private Caller caller;
  private UploadMetadata metadata;
  private String location;
  private final Clock clock = Clock.systemUTC();
  /** Files whose outcome is committed and which are left in place ({@code after=mark}), by name. */
  private final Map<String, FileOutcome> handled = new HashMap<>();
  /** Files emitted and not yet committed. */
  private final Map<String, FileOutcome> inFlight = new HashMap<>();
  /** Files whose record Connect has committed; moved by the task thread on its next poll. */
  private final ConcurrentLinkedQueue<Map.Entry<DroppedFile, FileOutcome>> committed = new ConcurrentLinkedQueue<>();
  private final Object sleeper = new Object();
  private volatile boolean stopping;

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new DropFolderConnectorConfig(props);
    location = config.location();
    stability = new StableFiles(config.stable().toMillis());
    caller = new Caller(config.getString(DropFolderConnectorConfig.TENANT_ID), config.uploaderId());
    metadata = new UploadMetadata(Optional.ofNullable(config.getString(DropFolderConnectorConfig.DATASET)),
        config.getList(DropFolderConnectorConfig.TAGS), Optional.empty(), Optional.empty());
    Map<String, Object> serde = Map.of("schema.registry.url",
        config.getString(DropFolderConnectorConfig.SCHEMA_REGISTRY_URL));
    samples = Topics.SAMPLES.valueSerde(serde).serializer();
    rejections = Topics.INGEST_REJECTIONS.valueSerde(serde).serializer();
    try {
      intake = new ImageIntake(BlobStores.open(config.getString(DropFolderConnectorConfig.BLOB_STORE),
          Path.of(config.getString(DropFolderConnectorConfig.BLOB_SPOOL_DIR))), config.limits());
      source = config.isLocal() ? new LocalDropSource(Path.of(config.getString(DropFolderConnectorConfig.PATH)))
          : s3Source(config);
    } catch (IOException e) {
      throw new ConnectException("Cannot open the drop folder " + location + " or the blob store "
          + config.getString(DropFolderConnectorConfig.BLOB_STORE) + ": " + e.getMessage(), e);
    }
    log.info("Drop folder task started location={} tenant={} source={} after={} stableMs={}", location,
        caller.tenantId(), config.source(), config.after(), config.stable().toMillis());
  }

  private static DropSource s3Source(DropFolderConnectorConfig config) {
    String endpoint = config.getString(DropFolderConnectorConfig.S3_ENDPOINT);
    var s3 = new S3Location(config.getString(DropFolderConnectorConfig.S3_BUCKET),
        config.getString(DropFolderConnectorConfig.S3_PREFIX), endpoint == null ? null : URI.create(endpoint),
        config.getString(DropFolderConnectorConfig.S3_REGION), config.getBoolean(DropFolderConnectorConfig.S3_PATH_STYLE));
    Optional<String> access = config.secret(DropFolderConnectorConfig.S3_ACCESS_KEY);
    Optional<String> secret = config.secret(DropFolderConnectorConfig.S3_SECRET_KEY);
    var client = access.isPresent() && secret.isPresent() ? BlobStores.s3Client(s3, access.get(), secret.get())
        : BlobStores.s3Client(s3, software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build());
    return new S3DropSource(client, s3.bucket(), s3.prefix());
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    finishCommitted();
    List<SourceRecord> records = new ArrayList<>();
    try {
      List<DroppedFile> ready = stability.stable(source.list(), clock.millis());
      List<DroppedFile> fresh = alreadyDecided(ready.stream()
          .filter(f -> !inFlight.containsKey(f.name()))
          .filter(f -> !(handled.containsKey(f.name()) && handled.get(f.name()).isFor(f)))
          .toList());
      for (DroppedFile file : fresh) {
        if (records.size() >= config.getInt(DropFolderConnectorConfig.BATCH_FILES) || stopping) {
          break;
        }
        ingest(file).ifPresent(records::add);
      }
    } catch (IOException | RuntimeException e) {
      // The folder or the blob store is unavailable: what was read so far is emitted, the rest is retried.
      log.error("Drop folder poll failed location={} emitted={}: {}", location, records.size(), e.toString());
    }
    if (records.isEmpty()) {
      synchronized (sleeper) {
        if (!stopping) {
          sleeper.wait(config.getLong(DropFolderConnectorConfig.POLL_INTERVAL_MS));
        }
      }
      return null;
    }
    return records;
  }

  /**
   * The files among {@code candidates} whose outcome is not in the offsets yet; those whose outcome is (a
   * restart after the commit, before the move) are finished instead of being read again.
   */
  private List<DroppedFile> alreadyDecided(List<DroppedFile> candidates) {
    if (candidates.isEmpty()) {
      return candidates;
    }
    var partitions = candidates.stream().map(f -> FileOutcome.partition(location, f.name())).toList();
    Map<Map<String, Object>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
    var fresh = new ArrayList<DroppedFile>();
    for (DroppedFile file : candidates) {
      Optional<FileOutcome> known = FileOutcome.of(offsets.get(FileOutcome.partition(location, file.name())));
      if (known.isPresent() && known.get().isFor(file)) {
        log.info("Drop folder file already ingested, finishing it location={} file={} accepted={}", location,
            file.name(), known.get().accepted());
        finish(file, known.get());
      } else {
        fresh.add(file);
      }
    }
    return fresh;
  }

  private Optional<SourceRecord> ingest(DroppedFile file) throws IOException {
    var upload = new FileUpload(Optional.of(file.name()), declaredType(file.name()));
    String requestId = UUID.randomUUID().toString();
    Stored stored;
    try (InputStream in = source.open(file)) {
      stored = intake.store(in, upload, () -> { });
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Map<String, Object> partition = FileOutcome.partition(location, file.name());
    if (stored instanceof StoredBlob blob) {
      SampleEvent event = IngestEvents.uploaded(caller, blob, metadata, requestId, PRODUCER, clock.instant(),
          config.source());
      var outcome = new FileOutcome(file.size(), file.modifiedMillis(), true, null);
      inFlight.put(file.name(), outcome);
      String topic = config.getString(DropFolderConnectorConfig.SAMPLES_TOPIC);
      log.info("Drop folder file accepted location={} file={} tenant={} sampleId={} bytes={}", location, file.name(),
          caller.tenantId(), event.getSampleId(), blob.blob().sizeBytes());
      return Optional.of(new SourceRecord(partition, outcome.offset(), topic, null, Schema.STRING_SCHEMA,
          event.getSampleId(), Schema.BYTES_SCHEMA, samples.serialize(topic, event), clock.millis()));
    }
    Refused refused = (Refused) stored;
    IngestRejection event = IngestEvents.rejected(caller, requestId, upload, refused.refusal(), refused.sizeBytes(),
        PRODUCER, clock.instant(), config.source());
    var outcome = new FileOutcome(file.size(), file.modifiedMillis(), false,
        refused.refusal().code() + ": " + refused.refusal().message());
    inFlight.put(file.name(), outcome);
    String topic = config.getString(DropFolderConnectorConfig.REJECTIONS_TOPIC);
    log.info("Drop folder file refused location={} file={} tenant={} code={}", location, file.name(),
        caller.tenantId(), refused.refusal().code());
    return Optional.of(new SourceRecord(partition, outcome.offset(), topic, null, Schema.STRING_SCHEMA, requestId,
        Schema.BYTES_SCHEMA, rejections.serialize(topic, event), clock.millis()));
  }

  /** The type a file's extension claims, so that a mislabelled file is refused as the gateway refuses it. */
  static Optional<String> declaredType(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return ImageFormat.ofMediaType("image/" + extension).map(ImageFormat::mediaType);
  }

  /** Called by Connect once the record is committed (after its transaction, with exactly-once support). */
  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    Optional<FileOutcome> outcome = FileOutcome.of(castOffset(record.sourceOffset()));
    Object file = record.sourcePartition().get("file");
    if (outcome.isPresent() && file instanceof String name) {
      committed.add(Map.entry(new DroppedFile(name, outcome.get().size(), outcome.get().modifiedMillis()),
          outcome.get()));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castOffset(Map<String, ?> offset) {
    return (Map<String, Object>) offset;
  }

  private void finishCommitted() {
    for (var entry = committed.poll(); entry != null; entry = committed.poll()) {
      inFlight.remove(entry.getKey().name());
      finish(entry.getKey(), entry.getValue());
    }
  }

  private void finish(DroppedFile file, FileOutcome outcome) {
    try {
      if (!outcome.accepted()) {
        source.writeReason(file, DropSource.REJECTED, outcome.reason());
      }
      if (config.after() == After.MOVE) {
        source.moveTo(file, outcome.accepted() ? DropSource.PROCESSED : DropSource.REJECTED);
      } else {
        handled.put(file.name(), outcome);
      }
    } catch (IOException | RuntimeException e) {
      // Its event is committed: the next poll finds its outcome in the offsets and tries the move again.
      log.error("Cannot move an ingested drop folder file location={} file={}: {}", location, file.name(),
          e.toString());
    }
  }

  @Override
  public void stop() {
    stopping = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    if (source != null) {
      source.close();
    }
    if (samples != null) {
      samples.close();
      rejections.close();
    }
  }
}
