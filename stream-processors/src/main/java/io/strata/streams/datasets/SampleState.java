package io.strata.streams.datasets;

import io.strata.events.LabelEvent;
import io.strata.events.ReviewVerdict;
import io.strata.events.SampleEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the versioner knows about one sample of one tenant after some prefix of its events.
 *
 * @param tenantId the tenant
 * @param sampleId the sample
 * @param blobUri where its bytes are; null until the upload is seen
 * @param tags upload tags
 * @param qualityPassed null until assessed
 * @param deleted whether the sample was deleted
 * @param labels labels made and not retracted, oldest first; the last one is the sample's label
 */
public record SampleState(String tenantId, String sampleId, String blobUri, List<String> tags, Boolean qualityPassed,
    boolean deleted, List<ActiveLabel> labels) {

  public SampleState {
    tags = List.copyOf(tags);
    labels = List.copyOf(labels);
  }

  /** A sample nothing is known about yet. */
  public static SampleState empty(String tenantId, String sampleId) {
    return new SampleState(tenantId, sampleId, null, List.of(), null, false, List.of());
  }

  /** The label that counts: the latest one made and not retracted. */
  public Optional<ActiveLabel> label() {
    return labels.isEmpty() ? Optional.empty() : Optional.of(labels.get(labels.size() - 1));
  }

  /** The state after {@code event}. */
  public SampleState apply(SampleEvent event) {
    return switch (event.getKind()) {
      case UPLOADED -> new SampleState(tenantId, sampleId, event.getUploaded().getBlobUri(),
          event.getUploaded().getTags().stream().map(Object::toString).toList(), qualityPassed, false, labels);
      case QUALITY_ASSESSED -> new SampleState(tenantId, sampleId, blobUri, tags, event.getQuality().getPassed(),
          deleted, labels);
      case DELETED -> new SampleState(tenantId, sampleId, blobUri, tags, qualityPassed, true, labels);
      default -> this;
    };
  }

  /**
   * The state after {@code event}: MADE adds the label (a label id made again replaces the earlier one and
   * becomes the latest), RETRACTED removes the label it names, a REJECTED review removes the reviewed label;
   * ACCEPTED and CORRECTED reviews change nothing (a correction is its own MADE label).
   */
  public SampleState apply(LabelEvent event) {
    var next = new ArrayList<>(labels);
    switch (event.getKind()) {
      case MADE -> {
        next.removeIf(label -> label.labelId().equals(event.getLabelId()));
        next.add(new ActiveLabel(event.getLabelId(), event.getClassLabel(), event.getBoxes()));
      }
      case RETRACTED -> next.removeIf(label -> label.labelId().equals(event.getLabelId()));
      case REVIEWED -> {
        if (event.getReview() != null && event.getReview().getVerdict() == ReviewVerdict.REJECTED) {
          String rejected = event.getReview().getReviewedLabelId();
          next.removeIf(label -> label.labelId().equals(rejected));
        }
      }
      default -> {
        return this;
      }
    }
    return new SampleState(tenantId, sampleId, blobUri, tags, qualityPassed, deleted, next);
  }
}
