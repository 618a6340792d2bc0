package io.strata.streams.datasets;

import io.strata.events.BoundingBox;
import io.strata.events.DatasetVersionItem;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/**
 * Which samples a dataset's rule admits, and the item each becomes. A sample is a member when it belongs to the
 * dataset's tenant, was uploaded and not deleted, has a label (the latest one not retracted), carries one of the
 * rule's tags (any, when the rule lists none), has one of the rule's classes as its class or as a box class (any,
 * when none), and, when the rule asks, passed the quality review.
 */
public final class Membership {

  /** The producer recorded on everything the versioner appends. */
  public static final String PRODUCER = "dataset-versioner";

  private Membership() {
  }

  /** Whether {@code state} is a member of {@code dataset}. */
  public static boolean admits(DatasetDefinition dataset, SampleState state) {
    if (!dataset.tenantId().equals(state.tenantId()) || state.blobUri() == null || state.deleted()) {
      return false;
    }
    var label = state.label();
    if (label.isEmpty()) {
      return false;
    }
    if (!dataset.tags().isEmpty() && state.tags().stream().noneMatch(dataset.tags()::contains)) {
      return false;
    }
    String classLabel = label.get().classLabel();
    if (!dataset.classes().isEmpty() && (classLabel == null || !dataset.classes().contains(classLabel))
        && label.get().boxes().stream().map(BoundingBox::getClassLabel).noneMatch(dataset.classes()::contains)) {
      return false;
    }
    return !dataset.requireQualityPassed() || Boolean.TRUE.equals(state.qualityPassed());
  }

  /**
   * The item {@code state} becomes in version {@code version}, if it is a member. Its event id and time derive
   * from the cut alone, so a replay appends the same item.
   *
   * @param asOf the cut's time (the request's log-append time)
   * @param causationId the request event's id
   */
  public static Optional<DatasetVersionItem> item(DatasetDefinition dataset, int version, SampleState state,
      long asOf, String causationId) {
    if (!admits(dataset, state)) {
      return Optional.empty();
    }
    ActiveLabel label = state.label().orElseThrow();
    return Optional.of(DatasetVersionItem.newBuilder()
        .setEventId(eventId("item", dataset.datasetId(), Integer.toString(version), state.sampleId()))
        .setTenantId(dataset.tenantId())
        .setOccurredAt(java.time.Instant.ofEpochMilli(asOf))
        .setProducer(PRODUCER)
        .setCausationId(causationId)
        .setDatasetId(dataset.datasetId())
        .setVersion(version)
        .setSampleId(state.sampleId())
        .setBlobUri(state.blobUri())
        .setSplit(SplitAssignment.of(state.sampleId(), dataset.datasetId(), dataset.validationPercent(),
            dataset.testPercent()))
        .setClassLabel(label.classLabel())
        .setBoxes(List.copyOf(label.boxes()))
        .setLabelIds(List.of(label.labelId()))
        .build());
  }

  /** A name-based (type 3) UUID of the parts, so equal inputs give equal ids. */
  static String eventId(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
