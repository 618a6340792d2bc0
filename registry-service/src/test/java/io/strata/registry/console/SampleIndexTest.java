package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleIndexTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void shouldKeepOnlyTheNewestSamplesPerTenantButCountThemAll() {
    var index = new SampleIndex(3);
    for (int i = 0; i < 5; i++) {
      index.apply(uploaded("t1", "s" + i, i));
    }
    index.apply(uploaded("t2", "other", 0));

    assertThat(ids(index.page("t1", false, 1, 10))).containsExactly("s4", "s3", "s2");
    assertThat(index.counts("t1")).isEqualTo(new SampleIndex.Counts(5, 0, 0, 0, 3));
    assertThat(index.counts("t2").kept()).isEqualTo(1);
    assertThat(index.find("t1", "s0")).isEmpty();
    assertThat(index.find("t2", "s4")).as("another tenant's sample").isEmpty();
  }

  @Test
  void shouldNotLetALateOldUploadPushOutANewerSample() {
    var index = new SampleIndex(2);
    index.apply(uploaded("t1", "new1", 10));
    index.apply(uploaded("t1", "new2", 11));
    index.apply(uploaded("t1", "old", 1));

    assertThat(ids(index.page("t1", false, 1, 10))).containsExactly("new2", "new1");
    assertThat(index.counts("t1").uploaded()).isEqualTo(3);
  }

  @Test
  void shouldFoldQualityIntoKeptSamplesAndFilterFailedReview() {
    var index = new SampleIndex(10);
    index.apply(uploaded("t1", "good", 1));
    index.apply(uploaded("t1", "blurry", 2));
    index.apply(quality("t1", "good", true, false));
    index.apply(quality("t1", "blurry", false, true));

    assertThat(ids(index.page("t1", true, 1, 10))).containsExactly("blurry");
    assertThat(index.find("t1", "blurry").orElseThrow().quality().flags()).containsExactly("blurry");
    assertThat(index.counts("t1")).isEqualTo(new SampleIndex.Counts(2, 2, 1, 0, 2));

    index.apply(quality("t1", "blurry", true, false));
    assertThat(index.counts("t1")).as("a re-assessment replaces the verdict").isEqualTo(
        new SampleIndex.Counts(2, 2, 0, 0, 2));
    assertThat(ids(index.page("t1", true, 1, 10))).isEmpty();
  }

  @Test
  void shouldDropDeletedSamples() {
    var index = new SampleIndex(10);
    index.apply(uploaded("t1", "a", 1));
    index.apply(uploaded("t1", "b", 2));
    index.apply(SampleEvent.newBuilder(uploaded("t1", "a", 3)).setKind(SampleEventKind.DELETED).setUploaded(null)
        .setDeletionReason("gdpr").build());

    assertThat(ids(index.page("t1", false, 1, 10))).containsExactly("b");
    assertThat(index.counts("t1").deleted()).isEqualTo(1);
  }

  @Test
  void shouldPageNewestFirstAndClampPagesPastTheEnd() {
    var index = new SampleIndex(100);
    for (int i = 0; i < 7; i++) {
      index.apply(uploaded("t1", "s" + i, i));
    }
    var second = index.page("t1", false, 2, 3);
    assertThat(ids(second)).containsExactly("s3", "s2", "s1");
    assertThat(second.pages()).isEqualTo(3);
    assertThat(second.matching()).isEqualTo(7);
    assertThat(ids(index.page("t1", false, 99, 3))).containsExactly("s0");
    assertThat(index.page("nobody", false, 1, 3).samples()).isEmpty();
  }

  @Test
  void shouldRefuseAWindowSmallerThanOne() {
    assertThatThrownBy(() -> new SampleIndex(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> ids(SampleIndex.SamplePage page) {
    return page.samples().stream().map(SampleIndex.Sample::sampleId).toList();
  }

  private static SampleEvent uploaded(String tenant, String id, int minute) {
    return base(tenant, id, minute).setKind(SampleEventKind.UPLOADED).setUploaded(SampleUploaded.newBuilder()
        .setBlobUri("file:/blobs/" + id).setContentType("image/png").setSizeBytes(10).setWidth(4).setHeight(3)
        .setSource("http").build()).build();
  }

  private static SampleEvent quality(String tenant, String id, boolean passed, boolean blurry) {
    return base(tenant, id, 60).setKind(SampleEventKind.QUALITY_ASSESSED).setQuality(QualityAssessment.newBuilder()
        .setBrightness(100).setContrast(20).setSharpness(blurry ? 2 : 500).setBlurry(blurry).setOverExposed(false)
        .setUnderExposed(false).setPassed(passed).build()).build();
  }

  private static SampleEvent.Builder base(String tenant, String id, int minute) {
    return SampleEvent.newBuilder().setEventId(id + minute).setTenantId(tenant).setOccurredAt(T0.plusSeconds(60L
        * minute)).setProducer("test").setSampleId(id);
  }
}
