package io.strata.ingest.gateway.upload;

import io.strata.events.SampleEvent;
import io.strata.events.SampleUploaded;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's sample as its {@code UPLOADED} event recorded it.
 *
 * @param sampleId the SHA-256 of its bytes
 * @param tenantId the tenant it belongs to
 * @param contentType the detected media type
 * @param sizeBytes its size
 * @param width width in pixels
 * @param height height in pixels
 * @param dataset the dataset hint, or null
 * @param tags its tags
 * @param source the ingest path ({@code http}, {@code drop-folder}, ...)
 * @param originalFilename the uploader's file name, or null
 * @param blobUri where the bytes are
 * @param uploadedAt when it was uploaded
 * @param quality its latest quality assessment, or null before the quality review has seen it
 */
public record KnownSample(String sampleId, String tenantId, String contentType, long sizeBytes, int width, int height,
    String dataset, List<String> tags, String source, String originalFilename, String blobUri, Instant uploadedAt,
    SampleQuality quality) {

  public KnownSample {
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(tenantId, "tenantId");
    tags = List.copyOf(tags);
  }

  /** The sample an {@code UPLOADED} event describes. */
  static KnownSample of(SampleEvent event) {
    SampleUploaded up = event.getUploaded();
    return new KnownSample(event.getSampleId(), event.getTenantId(), up.getContentType(), up.getSizeBytes(),
        up.getWidth(), up.getHeight(), up.getDataset(), up.getTags(), up.getSource(), up.getOriginalFilename(),
        up.getBlobUri(), event.getOccurredAt(), null);
  }

  /** This sample with its latest quality assessment. */
  KnownSample withQuality(SampleQuality latest) {
    return new KnownSample(sampleId, tenantId, contentType, sizeBytes, width, height, dataset, tags, source,
        originalFilename, blobUri, uploadedAt, latest);
  }
}
