package io.strata.streams.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.Annotator;
import io.strata.events.AnnotatorType;
import io.strata.events.BoundingBox;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.LabelReview;
import io.strata.events.ReviewVerdict;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import io.strata.events.QualityAssessment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The membership rule and how sample and label events fold into a sample's state. */
class MembershipTest {

  private final DatasetDefinition pets = new DatasetDefinition("ds", "acme", "pets", List.of("outdoor"),
      List.of("cat", "dog"), true, 10, 10);

  @Test
  void shouldAdmitALabelledUploadedTaggedSampleThatPassedReview() {
    var state = uploaded("outdoor").apply(quality(true)).apply(made("l1", "cat"));
    assertThat(Membership.admits(pets, state)).isTrue();
    var item = Membership.item(pets, 3, state, 42L, "req").orElseThrow();
    assertThat(item.getVersion()).isEqualTo(3);
    assertThat(item.getClassLabel()).isEqualTo("cat");
    assertThat(item.getLabelIds()).containsExactly("l1");
    assertThat(item.getBlobUri()).isEqualTo("file:/b/s1");
    assertThat(item.getEventId()).isEqualTo(Membership.item(pets, 3, state, 42L, "req").orElseThrow().getEventId());
  }

  @Test
  void shouldRefuseWhatTheRuleExcludes() {
    var good = uploaded("outdoor").apply(quality(true)).apply(made("l1", "cat"));
    assertThat(Membership.admits(pets, uploaded("outdoor").apply(quality(true)))).as("unlabelled").isFalse();
    assertThat(Membership.admits(pets, uploaded("indoor").apply(quality(true)).apply(made("l1", "cat")))).isFalse();
    assertThat(Membership.admits(pets, uploaded("outdoor").apply(quality(false)).apply(made("l1", "cat")))).isFalse();
    assertThat(Membership.admits(pets, uploaded("outdoor").apply(made("l1", "cat")))).as("not reviewed").isFalse();
    assertThat(Membership.admits(pets, good.apply(made("l2", "bird")))).as("class").isFalse();
    assertThat(Membership.admits(pets, SampleState.empty("acme", "s1").apply(made("l1", "cat")))).as("no upload")
        .isFalse();
    assertThat(Membership.admits(pets, good.apply(sample(SampleEventKind.DELETED).build()))).isFalse();
    var otherTenant = new DatasetDefinition("ds", "globex", "pets", List.of(), List.of(), false, 10, 10);
    assertThat(Membership.admits(otherTenant, good)).isFalse();
  }

  @Test
  void shouldAdmitEverythingLabelledWhenTheRuleListsNothing() {
    var all = new DatasetDefinition("ds", "acme", "all", List.of(), List.of(), false, 10, 10);
    assertThat(Membership.admits(all, uploaded().apply(made("l1", "anything")))).isTrue();
  }

  @Test
  void shouldMatchClassesOfBoxesForDetectionLabels() {
    var cars = new DatasetDefinition("ds", "acme", "cars", List.of(), List.of("car"), false, 10, 10);
    var boxes = label("l1", LabelEventKind.MADE).setBoxes(List.of(new BoundingBox("car", 0.0, 0.0, 1.0, 1.0, false)))
        .build();
    assertThat(Membership.admits(cars, uploaded().apply(boxes))).isTrue();
  }

  @Test
  void shouldLetTheLatestLabelNotRetractedWin() {
    var state = uploaded().apply(made("l1", "cat")).apply(made("l2", "dog"));
    assertThat(state.label().orElseThrow().classLabel()).isEqualTo("dog");
    var retracted = state.apply(label("l2", LabelEventKind.RETRACTED).build());
    assertThat(retracted.label().orElseThrow().labelId()).isEqualTo("l1");
    var none = retracted.apply(label("l1", LabelEventKind.RETRACTED).build());
    assertThat(none.label()).isEmpty();
    var rejected = state.apply(label("r1", LabelEventKind.REVIEWED).setReview(LabelReview.newBuilder()
        .setReviewedLabelId("l2").setVerdict(ReviewVerdict.REJECTED).build()).build());
    assertThat(rejected.label().orElseThrow().labelId()).isEqualTo("l1");
    var accepted = state.apply(label("r2", LabelEventKind.REVIEWED).setReview(LabelReview.newBuilder()
        .setReviewedLabelId("l2").setVerdict(ReviewVerdict.ACCEPTED).build()).build());
    assertThat(accepted).isEqualTo(state);
  }

  @Test
  void shouldReadTheStateAsOfATimeStrictlyBeforeIt() {
    var history = new SampleHistory(List.of())
        .append(10, uploaded())
        .append(20, uploaded().apply(made("l1", "cat")))
        .append(30, uploaded().apply(made("l2", "dog")));
    assertThat(history.asOf(10)).isEmpty();
    assertThat(history.asOf(20).orElseThrow().label()).isEmpty();
    assertThat(history.asOf(21).orElseThrow().label().orElseThrow().classLabel()).isEqualTo("cat");
    assertThat(history.asOf(Long.MAX_VALUE).orElseThrow().label().orElseThrow().classLabel()).isEqualTo("dog");
  }

  @Test
  void shouldRoundTripStoreAndTopicRecordsThroughTheInternalSerdes() {
    var history = new SampleHistory(List.of()).append(5, uploaded("outdoor").apply(quality(true))
        .apply(label("l1", LabelEventKind.MADE).setBoxes(List.of(new BoundingBox("car", 1.5, 2.0, 3.0, 4.0, true))).build()));
    var histories = VersionerSerdes.histories();
    assertThat(histories.deserializer().deserialize("t", histories.serializer().serialize("t", history)))
        .isEqualTo(history);
    var marker = new CutMarker(pets, 2, "r", "e", 99, 3, 6);
    var markers = VersionerSerdes.markers();
    assertThat(markers.deserializer().deserialize("t", markers.serializer().serialize("t", marker))).isEqualTo(marker);
    var summary = new SliceSummary(marker, 8, new VersionHash.Sum().bytes(), 0, java.util.Map.of("cat\u0000TRAIN", 4L));
    var summaries = VersionerSerdes.summaries();
    var back = summaries.deserializer().deserialize("t", summaries.serializer().serialize("t", summary));
    assertThat(back.marker()).isEqualTo(marker);
    assertThat(back.counts()).isEqualTo(summary.counts());
    assertThat(back.sliceMask()).isEqualTo(8);
  }

  private static SampleState uploaded(String... tags) {
    return SampleState.empty("acme", "s1").apply(sample(SampleEventKind.UPLOADED).setUploaded(SampleUploaded
        .newBuilder().setBlobUri("file:/b/s1").setContentType("image/png").setSizeBytes(1).setWidth(1).setHeight(1)
        .setTags(List.of(tags)).setSource("http").build()).build());
  }

  private static SampleEvent quality(boolean passed) {
    return sample(SampleEventKind.QUALITY_ASSESSED).setQuality(QualityAssessment.newBuilder().setBrightness(1)
        .setContrast(1).setSharpness(1).setBlurry(!passed).setOverExposed(false).setUnderExposed(false)
        .setPassed(passed).build()).build();
  }

  private static SampleEvent.Builder sample(SampleEventKind kind) {
    return SampleEvent.newBuilder().setEventId("e").setTenantId("acme").setOccurredAt(Instant.EPOCH)
        .setProducer("test").setSampleId("s1").setKind(kind);
  }

  private static LabelEvent made(String labelId, String classLabel) {
    return label(labelId, LabelEventKind.MADE).setClassLabel(classLabel).build();
  }

  private static LabelEvent.Builder label(String labelId, LabelEventKind kind) {
    return LabelEvent.newBuilder().setEventId("e-" + labelId).setTenantId("acme").setOccurredAt(Instant.EPOCH)
        .setProducer("test").setLabelId(labelId).setSampleId("s1").setKind(kind)
        .setAnnotator(Annotator.newBuilder().setType(AnnotatorType.PERSON).setId("p").build());
  }
}
