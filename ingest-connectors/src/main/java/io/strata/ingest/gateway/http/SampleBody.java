package io.strata.ingest.gateway.http;

import io.micronaut.serde.annotation.Serdeable;
import io.strata.ingest.gateway.upload.KnownSample;
import io.strata.ingest.gateway.upload.SampleQuality;
import io.strata.ingest.gateway.upload.SamplesView;
import java.util.List;

/**
 * A tenant's sample as the API shows it.
 *
 * @param sampleId SHA-256 of the bytes, the sample's id
 * @param created true when this request created the tenant's sample (201), false when it existed (200);
 *     null on {@code GET}
 * @param quality its latest quality assessment; null until the quality review has assessed it
 */
@Serdeable
public record SampleBody(String sampleId, Boolean created, String contentType, long sizeBytes, int width, int height,
    String dataset, List<String> tags, String filename, String uploadedAt, QualityBody quality) {

  static SampleBody of(KnownSample sample, Boolean created) {
    return new SampleBody(sample.sampleId(), created, sample.contentType(), sample.sizeBytes(), sample.width(),
        sample.height(), sample.dataset(), sample.tags(), sample.originalFilename(), sample.uploadedAt().toString(),
        QualityBody.of(sample.quality()));
  }

  /** A sample that failed review, with the failed assessment; only its id when the view no longer holds it. */
  static SampleBody reviewed(SamplesView.Reviewed reviewed) {
    QualityBody quality = QualityBody.of(reviewed.quality());
    return reviewed.sample()
        .map(s -> new SampleBody(s.sampleId(), null, s.contentType(), s.sizeBytes(), s.width(), s.height(),
            s.dataset(), s.tags(), s.originalFilename(), s.uploadedAt().toString(), quality))
        .orElse(new SampleBody(reviewed.sampleId(), null, null, 0, 0, 0, null, List.of(), null, null, quality));
  }

  /** A quality assessment as the API shows it. */
  @Serdeable
  public record QualityBody(boolean passed, boolean blurry, boolean overExposed, boolean underExposed,
      double brightness, double contrast, double sharpness, String perceptualHash, String nearDuplicateOf,
      String assessedAt) {

    static QualityBody of(SampleQuality q) {
      return q == null ? null : new QualityBody(q.passed(), q.blurry(), q.overExposed(), q.underExposed(),
          q.brightness(), q.contrast(), q.sharpness(), q.perceptualHash(), q.nearDuplicateOf(),
          q.assessedAt().toString());
    }
  }
}
