package io.strata.benchmarks.serde;

import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Deterministic, varied {@code samples} events shaped like the ingest gateway's: uploads and quality results. */
final class SampleEvents {

  private SampleEvents() {}

  static List<SampleEvent> generate(int count, long seed) {
    var random = new Random(seed);
    var events = new ArrayList<SampleEvent>(count);
    for (int i = 0; i < count; i++) {
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      String sampleId = HexFormat.of().formatHex(hash);
      var builder = SampleEvent.newBuilder()
          .setEventId(new UUID(random.nextLong(), random.nextLong()).toString())
          .setTenantId("tenant-" + random.nextInt(20))
          .setOccurredAt(Instant.ofEpochMilli(1_793_000_000_000L + random.nextInt(1_000_000_000)))
          .setProducer("ingest-gateway-" + random.nextInt(3))
          .setCausationId(random.nextBoolean() ? "req-" + random.nextInt(1_000_000) : null)
          .setSampleId(sampleId)
          .setUploaded(null)
          .setQuality(null)
          .setDeletionReason(null);
      if (i % 3 == 2) {
        builder.setKind(SampleEventKind.QUALITY_ASSESSED).setQuality(quality(random));
      } else {
        builder.setKind(SampleEventKind.UPLOADED).setUploaded(upload(random, sampleId));
      }
      events.add(builder.build());
    }
    return events;
  }

  private static SampleUploaded upload(Random random, String sampleId) {
    return SampleUploaded.newBuilder()
        .setBlobUri("file:/var/lib/strata/blobs/sha256/" + sampleId.substring(0, 2) + "/" + sampleId)
        .setContentType(random.nextBoolean() ? "image/jpeg" : "image/png")
        .setSizeBytes(20_000 + random.nextInt(4_000_000))
        .setWidth(64 + random.nextInt(4000))
        .setHeight(64 + random.nextInt(3000))
        .setDataset(random.nextBoolean() ? "street-signs-v" + random.nextInt(9) : null)
        .setTags(List.of("camera-" + random.nextInt(40), random.nextBoolean() ? "day" : "night"))
        .setSource(random.nextInt(4) == 0 ? "drop-folder" : "http")
        .setOriginalFilename("IMG_" + random.nextInt(10_000) + ".jpg")
        .setAppKey(random.nextBoolean() ? "app-" + random.nextInt(100) : null)
        .build();
  }

  private static QualityAssessment quality(Random random) {
    double sharpness = random.nextDouble() * 500;
    return QualityAssessment.newBuilder()
        .setBrightness(random.nextDouble() * 255)
        .setContrast(random.nextDouble() * 80)
        .setSharpness(sharpness)
        .setBlurry(sharpness < 100)
        .setOverExposed(false)
        .setUnderExposed(random.nextInt(10) == 0)
        .setPerceptualHash(Long.toHexString(random.nextLong()))
        .setNearDuplicateOf(null)
        .setPassed(sharpness >= 100)
        .build();
  }
}
