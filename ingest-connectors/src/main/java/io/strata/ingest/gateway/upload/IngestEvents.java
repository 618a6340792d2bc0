package io.strata.ingest.gateway.upload;

import io.strata.events.IngestRejection;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import io.strata.ingest.gateway.upload.Uploads.StoredBlob;
import java.time.Instant;
import java.util.UUID;

/**
 * The events every ingest path appends, built one way: an {@code UPLOADED} sample event for a durable blob and
 * an {@code ingest-rejections} event for a refusal. The {@code source} names the path ({@code http},
 * {@code drop-folder:<connector>}, ...).
 */
public final class IngestEvents {

  private IngestEvents() {}

  /** The tenant's {@code UPLOADED} event for a stored blob. */
  public static SampleEvent uploaded(Caller caller, StoredBlob stored, UploadMetadata metadata, String causationId,
      String producer, Instant at, String source) {
    return SampleEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setTenantId(caller.tenantId())
        .setOccurredAt(at)
        .setProducer(producer)
        .setCausationId(causationId)
        .setSampleId(stored.blob().sha256())
        .setKind(SampleEventKind.UPLOADED)
        .setUploaded(SampleUploaded.newBuilder()
            .setBlobUri(stored.blob().uri().toString())
            .setContentType(stored.image().format().mediaType())
            .setSizeBytes(stored.blob().sizeBytes())
            .setWidth(stored.image().width())
            .setHeight(stored.image().height())
            .setDataset(metadata.dataset().orElse(null))
            .setTags(metadata.recordedTags())
            .setSource(source)
            .setOriginalFilename(stored.file().filename().orElse(null))
            .setAppKey(caller.appKey())
            .build())
        .build();
  }

  /** The rejection of one file (or request) with the refusal its sender got. */
  public static IngestRejection rejected(Caller caller, String requestId, Uploads.FileUpload file, Refusal refusal,
      long sizeBytes, String producer, Instant at, String source) {
    return IngestRejection.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setTenantId(caller.tenantId())
        .setOccurredAt(at)
        .setProducer(producer)
        .setCausationId(requestId)
        .setRequestId(requestId)
        .setReason(refusal.reason())
        .setMessage(refusal.message())
        .setSource(source)
        .setAppKey(caller.appKey())
        .setFilename(file == null ? null : file.filename().orElse(null))
        .setDeclaredContentType(file == null ? null : file.declaredType().orElse(null))
        .setSizeBytes(sizeBytes > 0 ? sizeBytes : null)
        .build();
  }
}
