package io.strata.ingest.gateway.upload;

import io.strata.blobstore.BlobRef;
import io.strata.blobstore.BlobStore;
import io.strata.events.Annotator;
import io.strata.events.AnnotatorType;
import io.strata.events.IngestRejection;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.SampleEvent;
import io.strata.ingest.gateway.image.ImageInfo;
import io.strata.ingest.gateway.image.ImageLimits;
import io.strata.ingest.gateway.image.InspectingStream;
import io.strata.ingest.gateway.upload.EventLog.EventLogException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload path without HTTP: {@link #store} streams one file into the blob store while inspecting it (the
 * blob is durable when it returns, or nothing is kept); {@link #publish} then appends the tenant's
 * {@code UPLOADED} sample event, unless the tenant already has this sample, and returns once Kafka has
 * acknowledged it; {@link #reject} records a refusal. Blobs are shared by content across tenants; samples
 * are per tenant, so a second tenant uploading the same bytes gets its own sample (201) on the stored blob.
 * Thread-safe.
 */
public final class Uploads {

  private static final Logger log = LoggerFactory.getLogger(Uploads.class);
  /** The ingest path recorded on events. */
  public static final String SOURCE = "http";

  private final ImageIntake intake;
  private final ImageLimits limits;
  private final EventLog events;
  private final SamplesView view;
  private final Clock clock;
  private final String producer;
  private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

  public Uploads(BlobStore blobs, ImageLimits limits, EventLog events, SamplesView view, Clock clock, String producer) {
    this.intake = new ImageIntake(blobs, limits);
    this.limits = limits;
    this.events = Objects.requireNonNull(events, "events");
    this.view = Objects.requireNonNull(view, "view");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.producer = Objects.requireNonNull(producer, "producer");
  }

  /**
   * One file as the caller described it.
   *
   * @param filename its name, if given
   * @param declaredType its media type, if given; {@code application/octet-stream} counts as none
   */
  public record FileUpload(Optional<String> filename, Optional<String> declaredType) {
    public FileUpload {
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(declaredType, "declaredType");
    }
  }

  /** What {@link #store} did with a file. */
  public sealed interface Stored {
    FileUpload file();
  }

  /** The file is an acceptable image and its blob is durable. */
  public record StoredBlob(FileUpload file, BlobRef blob, ImageInfo image) implements Stored {}

  /** The file was refused; no blob was kept for it. */
  public record Refused(FileUpload file, Refusal refusal, long sizeBytes) implements Stored {}

  /** The tenant's sample, and whether this upload created it (201) or it existed (200). */
  public record Accepted(KnownSample sample, boolean created) {}

  /** The limits files are checked against. */
  public ImageLimits limits() {
    return limits;
  }

  /**
   * Refuses a declared type no accepted format has, before any byte is read; empty when the declaration is
   * acceptable (or absent).
   */
  public Optional<Refusal> checkDeclaredType(Optional<String> declaredType) {
    return intake.checkDeclaredType(declaredType);
  }

  /**
   * Streams {@code content} to the blob store while inspecting it ({@link ImageIntake#store}). Memory does not
   * grow with its size.
   *
   * @param endCheck run after the last byte and before the blob is kept; may refuse by throwing a
   *     {@link RefusedException}
   * @throws IOException when the blob store fails (not the caller's fault)
   */
  public Stored store(InputStream content, FileUpload file, InspectingStream.EndCheck endCheck) throws IOException {
    return intake.store(content, file, endCheck);
  }

  /** The refusal of a file above the size limit. */
  public Refusal tooLarge() {
    return intake.tooLarge();
  }

  /**
   * Appends the tenant's sample event for a stored blob, unless the tenant has this sample already, and returns
   * once Kafka has acknowledged it. Concurrent uploads of the same bytes by one tenant append one event.
   *
   * @throws EventLogException when the event cannot be appended (the caller answers 503; a retry is safe)
   */
  public Accepted publish(Caller caller, StoredBlob stored, UploadMetadata metadata, String requestId)
      throws EventLogException {
    String sha256 = stored.blob().sha256();
    String key = caller.tenantId() + '\u0000' + sha256;
    while (true) {
      Optional<KnownSample> known = view.find(caller.tenantId(), sha256);
      if (known.isPresent()) {
        return new Accepted(known.get(), false);
      }
      var mine = new CompletableFuture<Void>();
      CompletableFuture<Void> other = inFlight.putIfAbsent(key, mine);
      if (other != null) {
        other.exceptionally(e -> null).join();
        continue;
      }
      try {
        known = view.find(caller.tenantId(), sha256);
        if (known.isPresent()) {
          return new Accepted(known.get(), false);
        }
        SampleEvent event = sampleEvent(caller, stored, metadata, requestId);
        var written = events.append(event);
        if (metadata.label().isPresent()) {
          events.append(labelEvent(caller, sha256, metadata, requestId));
        }
        view.remember(event);
        log.info("Sample uploaded tenant={} appKey={} sampleId={} bytes={} type={} size={}x{} partition={} offset={}",
            caller.tenantId(), caller.appKey(), sha256, stored.blob().sizeBytes(), stored.image().format(),
            stored.image().width(), stored.image().height(), written.partition(), written.offset());
        return new Accepted(KnownSample.of(event), true);
      } finally {
        inFlight.remove(key, mine);
        mine.complete(null);
      }
    }
  }

  /**
   * Records a refusal on the rejections topic and waits for the acknowledgement. A failure to record it is
   * logged, not thrown: the caller still gets its refusal.
   */
  public void reject(Caller caller, String requestId, Optional<FileUpload> file, Refusal refusal, long sizeBytes) {
    IngestRejection event = IngestEvents.rejected(caller, requestId, file.orElse(null), refusal, sizeBytes, producer,
        clock.instant(), SOURCE);
    try {
      events.append(event);
    } catch (EventLogException e) {
      log.error("Cannot record a rejection tenant={} requestId={} code={}: {}", caller.tenantId(), requestId,
          refusal.code(), e.getMessage());
    }
    log.info("Upload refused tenant={} appKey={} requestId={} code={} status={}", caller.tenantId(),
        caller.appKey() == null ? "-" : caller.appKey(), requestId, refusal.code(), refusal.httpStatus());
  }

  private SampleEvent sampleEvent(Caller caller, StoredBlob stored, UploadMetadata metadata, String requestId) {
    return IngestEvents.uploaded(caller, stored, metadata, requestId, producer, clock.instant(), SOURCE);
  }

  private LabelEvent labelEvent(Caller caller, String sampleId, UploadMetadata metadata, String requestId) {
    return LabelEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setTenantId(caller.tenantId())
        .setOccurredAt(clock.instant())
        .setProducer(producer)
        .setCausationId(requestId)
        .setLabelId(UUID.randomUUID().toString())
        .setSampleId(sampleId)
        .setKind(LabelEventKind.MADE)
        .setClassLabel(metadata.label().orElseThrow())
        .setBoxes(List.of())
        .setAnnotator(Annotator.newBuilder().setType(AnnotatorType.IMPORT).setId("upload:" + caller.appKey()).build())
        .setDataset(metadata.dataset().orElse(null))
        .build();
  }
}
