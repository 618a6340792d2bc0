package io.strata.streams.quality;

import io.strata.blobstore.BlobStore;
import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews each newly uploaded sample once per tenant: reads its blob, measures it, looks for an earlier
 * near-duplicate, and forwards a {@code QUALITY_ASSESSED} event. It sees only {@code UPLOADED} events, keyed by
 * tenant. A blob that is
 * missing or cannot be decoded fails the record, which the dead-letter handler then records.
 */
final class QualityReviewProcessor implements Processor<String, SampleEvent, String, SampleEvent> {

  static final String PRODUCER = "quality-review";
  private static final Logger log = LoggerFactory.getLogger(QualityReviewProcessor.class);

  private final BlobStore blobs;
  private final LumaDecoder decoder;
  private final QualityThresholds thresholds;
  private ProcessorContext<String, SampleEvent> context;
  private NearDuplicateIndex index;

  QualityReviewProcessor(BlobStore blobs, LumaDecoder decoder, QualityThresholds thresholds) {
    this.blobs = blobs;
    this.decoder = decoder;
    this.thresholds = thresholds;
  }

  @Override
  public void init(ProcessorContext<String, SampleEvent> context) {
    this.context = context;
    this.index = new NearDuplicateIndex(context.getStateStore(QualityReview.HASH_STORE));
  }

  @Override
  public void process(Record<String, SampleEvent> record) {
    SampleEvent upload = record.value();
    String tenant = upload.getTenantId();
    String sampleId = upload.getSampleId();
    if (index.reviewed(tenant, sampleId)) {
      return;
    }
    QualityMetrics metrics = measure(sampleId);
    var verdict = metrics.judge(thresholds);
    String nearDuplicateOf = index.nearest(tenant, sampleId, metrics.perceptualHash(),
        thresholds.maxNearDuplicateDistance()).orElse(null);
    index.add(tenant, sampleId, metrics.perceptualHash());
    var assessment = QualityAssessment.newBuilder()
        .setBrightness(metrics.brightness())
        .setContrast(metrics.contrast())
        .setSharpness(metrics.sharpness())
        .setBlurry(verdict.blurry())
        .setOverExposed(verdict.overExposed())
        .setUnderExposed(verdict.underExposed())
        .setPerceptualHash(PerceptualHash.hex(metrics.perceptualHash()))
        .setNearDuplicateOf(nearDuplicateOf)
        .setPassed(verdict.passed() && nearDuplicateOf == null)
        .build();
    var assessed = SampleEvent.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes(("quality-review/" + tenant + "/" + sampleId)
            .getBytes(StandardCharsets.UTF_8)).toString())
        .setTenantId(tenant)
        .setOccurredAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .setProducer(PRODUCER)
        .setCausationId(upload.getEventId())
        .setSampleId(sampleId)
        .setKind(SampleEventKind.QUALITY_ASSESSED)
        .setQuality(assessment)
        .build();
    log.debug("Sample reviewed: tenant={} sampleId={} passed={} nearDuplicateOf={}", tenant, sampleId,
        assessment.getPassed(), nearDuplicateOf);
    context.forward(record.withValue(assessed).withTimestamp(context.currentSystemTimeMs()));
  }

  private QualityMetrics measure(String sampleId) {
    try (InputStream content = blobs.open(sampleId)) {
      return QualityMetrics.of(decoder.decode(content));
    } catch (IOException e) {
      throw new UncheckedIOException("Sample " + sampleId + " cannot be reviewed: " + e.getMessage(), e);
    }
  }
}
