package io.strata.ingest.gateway.upload;

import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A sample's latest quality assessment, as its {@code QUALITY_ASSESSED} event recorded it.
 *
 * @param assessedAt when it was assessed (the event's time)
 * @param passed false when any flag is raised
 */
public record SampleQuality(double brightness, double contrast, double sharpness, boolean blurry, boolean overExposed,
    boolean underExposed, String perceptualHash, String nearDuplicateOf, boolean passed, Instant assessedAt) {

  public SampleQuality {
    Objects.requireNonNull(assessedAt, "assessedAt");
  }

  /** The assessment a {@code QUALITY_ASSESSED} event carries. */
  static SampleQuality of(SampleEvent event) {
    QualityAssessment q = event.getQuality();
    return new SampleQuality(q.getBrightness(), q.getContrast(), q.getSharpness(), q.getBlurry(), q.getOverExposed(),
        q.getUnderExposed(), text(q.getPerceptualHash()), text(q.getNearDuplicateOf()), q.getPassed(),
        event.getOccurredAt());
  }

  private static String text(CharSequence value) {
    return value == null ? null : value.toString();
  }
}
