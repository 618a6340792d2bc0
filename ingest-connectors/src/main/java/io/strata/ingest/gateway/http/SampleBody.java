package io.strata.ingest.gateway.http;

import io.micronaut.serde.annotation.Serdeable;
import io.strata.ingest.gateway.upload.KnownSample;
import java.util.List;

/**
 * A tenant's sample as the API shows it.
 *
 * @param sampleId SHA-256 of the bytes, the sample's id
 * @param created true when this request created the tenant's sample (201), false when it existed (200);
 *     null on {@code GET}
 */
@Serdeable
public record SampleBody(String sampleId, Boolean created, String contentType, long sizeBytes, int width, int height,
    String dataset, List<String> tags, String filename, String uploadedAt) {

  static SampleBody of(KnownSample sample, Boolean created) {
    return new SampleBody(sample.sampleId(), created, sample.contentType(), sample.sizeBytes(), sample.width(),
        sample.height(), sample.dataset(), sample.tags(), sample.originalFilename(), sample.uploadedAt().toString());
  }
}
