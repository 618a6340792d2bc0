package io.strata.ingest.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.Annotator;
import io.strata.events.AnnotatorType;
import io.strata.events.LabelEvent;
import io.strata.events.LabelEventKind;
import io.strata.events.LabelReview;
import io.strata.events.ReviewVerdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleLabelsTest {

  private static LabelEvent event(String labelId, LabelEventKind kind, LabelReview review) {
    return LabelEvent.newBuilder().setEventId(labelId + kind).setTenantId("t").setOccurredAt(Instant.EPOCH)
        .setProducer("test").setLabelId(labelId).setSampleId("s").setKind(kind).setClassLabel("cat")
        .setBoxes(List.of()).setAnnotator(new Annotator(AnnotatorType.PERSON, "p", null)).setReview(review).build();
  }

  @Test
  void shouldKeepOnlyLabelsInForceAndSayWhyTheOthersLeft() {
    SampleLabels state = SampleLabels.EMPTY
        .apply(event("a", LabelEventKind.MADE, null))
        .apply(event("b", LabelEventKind.MADE, null))
        .apply(event("c", LabelEventKind.MADE, null))
        .apply(event("d", LabelEventKind.MADE, null))
        .apply(event("a", LabelEventKind.RETRACTED, null))
        .apply(event("b", LabelEventKind.REVIEWED, new LabelReview("b", ReviewVerdict.CORRECTED, "e")))
        .apply(event("e", LabelEventKind.MADE, null))
        .apply(event("c", LabelEventKind.REVIEWED, new LabelReview("c", ReviewVerdict.ACCEPTED, null)))
        .apply(event("d", LabelEventKind.REVIEWED, new LabelReview("d", ReviewVerdict.REJECTED, null)));

    assertThat(state.active()).extracting(LabelEvent::getLabelId).containsExactly("c", "e");
    assertThat(state.closedBecause("a")).contains("RETRACTED");
    assertThat(state.closedBecause("b")).contains("CORRECTED");
    assertThat(state.closedBecause("d")).contains("REJECTED");
    assertThat(state.knows("a")).isTrue();
    assertThat(state.knows("z")).isFalse();
    assertThat(state.history()).hasSize(9);
    assertThat(state.truncated()).isFalse();
  }

  @Test
  void shouldKeepTheLastEventsOfALongHistoryAndSaySo() {
    SampleLabels state = SampleLabels.EMPTY;
    for (int i = 0; i < SampleLabels.MAX_HISTORY + 5; i++) {
      state = state.apply(event("l" + i, LabelEventKind.MADE, null));
    }
    assertThat(state.history()).hasSize(SampleLabels.MAX_HISTORY);
    assertThat(state.history().get(0).getLabelId()).isEqualTo("l5");
    assertThat(state.truncated()).isTrue();
    assertThat(state.active()).hasSize(SampleLabels.MAX_HISTORY + 5);
  }
}
