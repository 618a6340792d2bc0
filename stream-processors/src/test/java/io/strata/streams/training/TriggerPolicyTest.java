package io.strata.streams.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.DriftSeverity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerPolicyTest {

  private static final String DS = "ds-1";
  private static final Policy POLICY = new Policy(3, DriftSeverity.MODERATE, "pets", "builtin", 1,
      Map.of("epochs", "2"));

  private static DatasetTrigger defined(Policy policy) {
    return TriggerPolicy.onRule(null, "acme", DS, List.of("cat", "dog"), policy).state();
  }

  private static TriggerStep labels(DatasetTrigger state, int n, String cls) {
    TriggerStep step = TriggerStep.unchanged(state);
    var actions = new java.util.ArrayList<TriggerAction>();
    for (int i = 0; i < n; i++) {
      step = TriggerPolicy.onLabel(step.state(), List.of(cls));
      actions.addAll(step.actions());
    }
    return new TriggerStep(step.state(), actions);
  }

  @Test
  void shouldRequestAVersionAtTheThresholdOfMatchingLabels() {
    DatasetTrigger state = defined(POLICY);
    TriggerStep two = labels(state, 2, "cat");
    assertThat(two.actions()).isEmpty();
    assertThat(two.state().labelsCounted()).isEqualTo(2);

    TriggerStep bird = labels(two.state(), 5, "bird");
    assertThat(bird.actions()).isEmpty();
    assertThat(bird.state().labelsCounted()).isEqualTo(2);

    TriggerStep third = TriggerPolicy.onLabel(bird.state(), List.of("dog"));
    assertThat(third.actions()).containsExactly(
        new TriggerAction.RequestVersion("trigger:new-labels:ds-1:1", Policy.NEW_LABELS));
    assertThat(third.state().labelsCounted()).isZero();
    assertThat(third.state().pendingNewLabels()).isEqualTo("trigger:new-labels:ds-1:1");
  }

  @Test
  void shouldCountBoxClassesAndEveryLabelWhenTheRuleListsNoClasses() {
    assertThat(TriggerPolicy.counts(List.of("cat"), List.of("car", "cat"))).isTrue();
    assertThat(TriggerPolicy.counts(List.of("cat"), List.of())).isFalse();
    assertThat(TriggerPolicy.counts(List.of(), List.of())).isTrue();
  }

  @Test
  void shouldStartOneJobPerCutAndNeverTwoForTheSameVersionAndPolicy() {
    TriggerStep requested = labels(defined(POLICY), 3, "cat");
    TriggerStep cut = TriggerPolicy.onCut(requested.state(), "trigger:new-labels:ds-1:1", 4, 10);
    String jobId = TriggerIds.jobId(DS, 4, Policy.NEW_LABELS);
    assertThat(cut.actions()).containsExactly(new TriggerAction.StartJob(jobId, Policy.NEW_LABELS, 4));
    assertThat(cut.state().pendingNewLabels()).isNull();
    assertThat(cut.state().newLabelsJobVersion()).isEqualTo(4);

    TriggerStep again = TriggerPolicy.onCut(cut.state(), "trigger:new-labels:ds-1:1", 4, 10);
    assertThat(again.actions()).isEmpty();
    assertThat(again.state()).isEqualTo(cut.state());
  }

  @Test
  void shouldStartNoJobForAnEmptyVersionOrAManualCut() {
    TriggerStep requested = labels(defined(POLICY), 3, "cat");
    TriggerStep empty = TriggerPolicy.onCut(requested.state(), "trigger:new-labels:ds-1:1", 1, 0);
    assertThat(empty.actions()).isEmpty();
    assertThat(empty.state().pendingNewLabels()).isNull();

    TriggerStep manual = TriggerPolicy.onCut(empty.state(), "r-42", 2, 10);
    assertThat(manual).isEqualTo(TriggerStep.unchanged(empty.state()));
    TriggerStep otherDataset = TriggerPolicy.onCut(empty.state(), "trigger:new-labels:ds-2:1", 3, 10);
    assertThat(otherDataset.actions()).isEmpty();
  }

  @Test
  void shouldHoldFurtherRequestsWhileAVersionIsPendingAndAskOnceItIsCut() {
    TriggerStep requested = labels(defined(POLICY), 3, "cat");
    TriggerStep more = labels(requested.state(), 7, "cat");
    assertThat(more.actions()).isEmpty();
    assertThat(more.state().labelsCounted()).isEqualTo(7);

    TriggerStep cut = TriggerPolicy.onCut(more.state(), "trigger:new-labels:ds-1:1", 1, 3);
    assertThat(cut.actions()).containsExactly(
        new TriggerAction.StartJob(TriggerIds.jobId(DS, 1, Policy.NEW_LABELS), Policy.NEW_LABELS, 1),
        new TriggerAction.RequestVersion("trigger:new-labels:ds-1:2", Policy.NEW_LABELS));
    assertThat(cut.state().labelsCounted()).isZero();
  }

  @Test
  void shouldRequestOnDriftAtOrAboveTheSeverityOncePerModelVersion() {
    DatasetTrigger state = defined(POLICY);
    assertThat(TriggerPolicy.onDrift(state, "pets", 1, DriftSeverity.LOW).actions()).isEmpty();
    assertThat(TriggerPolicy.onDrift(state, "other", 1, DriftSeverity.SEVERE).actions()).isEmpty();
    assertThat(TriggerPolicy.onDrift(state, "pets", 1, DriftSeverity.UNKNOWN).actions()).isEmpty();

    TriggerStep drift = TriggerPolicy.onDrift(state, "pets", 1, DriftSeverity.MODERATE);
    assertThat(drift.actions()).containsExactly(
        new TriggerAction.RequestVersion("trigger:drift:ds-1:1", Policy.DRIFT));
    assertThat(TriggerPolicy.onDrift(drift.state(), "pets", 2, DriftSeverity.SEVERE).actions())
        .as("a drift version is pending").isEmpty();

    TriggerStep cut = TriggerPolicy.onCut(drift.state(), "trigger:drift:ds-1:1", 2, 5);
    assertThat(cut.actions()).containsExactly(
        new TriggerAction.StartJob(TriggerIds.jobId(DS, 2, Policy.DRIFT), Policy.DRIFT, 2));
    assertThat(TriggerPolicy.onDrift(cut.state(), "pets", 1, DriftSeverity.SEVERE).actions())
        .as("model version 1 triggered already").isEmpty();
    assertThat(TriggerPolicy.onDrift(cut.state(), "pets", 2, DriftSeverity.SEVERE).actions())
        .containsExactly(new TriggerAction.RequestVersion("trigger:drift:ds-1:2", Policy.DRIFT));
  }

  @Test
  void shouldDoNothingWithoutAPolicyAndStartNoJobOnceThePolicyIsOff() {
    DatasetTrigger manual = defined(null);
    assertThat(labels(manual, 10, "cat").actions()).isEmpty();
    assertThat(TriggerPolicy.onDrift(manual, "pets", 1, DriftSeverity.SEVERE).actions()).isEmpty();

    TriggerStep requested = labels(defined(POLICY), 3, "cat");
    DatasetTrigger off = TriggerPolicy.onRule(requested.state(), "acme", DS, List.of("cat"), null).state();
    assertThat(TriggerPolicy.onCut(off, "trigger:new-labels:ds-1:1", 1, 3).actions()).isEmpty();
  }

  @Test
  void shouldRequestAtOnceWhenARuleChangeLowersTheThresholdBelowTheCount() {
    TriggerStep two = labels(defined(POLICY), 2, "cat");
    var lower = new Policy(2, null, "pets", "builtin", 0, Map.of());
    TriggerStep changed = TriggerPolicy.onRule(two.state(), "acme", DS, List.of("cat"), lower);
    assertThat(changed.actions()).containsExactly(
        new TriggerAction.RequestVersion("trigger:new-labels:ds-1:1", Policy.NEW_LABELS));
  }

  @Test
  void shouldDeriveIdsFromDatasetVersionAndPolicyOnly() {
    assertThat(TriggerIds.jobId(DS, 3, Policy.DRIFT)).isEqualTo(TriggerIds.jobId(DS, 3, Policy.DRIFT))
        .isNotEqualTo(TriggerIds.jobId(DS, 3, Policy.NEW_LABELS)).isNotEqualTo(TriggerIds.jobId(DS, 4, Policy.DRIFT));
    assertThat(TriggerIds.parse("trigger:drift:ds-1:12", DS)).contains(new TriggerIds.Request(Policy.DRIFT, 12));
    assertThat(TriggerIds.parse("trigger:drift:ds-1:x", DS)).isEmpty();
    assertThat(TriggerIds.parse("trigger:manual:ds-1:1", DS)).isEmpty();
  }

  @Test
  void shouldRejectAnInvalidPolicy() {
    assertThatThrownBy(() -> new Policy(0, null, "pets", "builtin", 0, Map.of()))
        .hasMessageContaining("newLabels must be at least 1");
    assertThatThrownBy(() -> new Policy(null, DriftSeverity.UNKNOWN, "pets", "builtin", 0, Map.of()))
        .hasMessageContaining("driftSeverity");
    assertThatThrownBy(() -> new Policy(1, null, " ", "builtin", 0, Map.of())).hasMessageContaining("modelName");
  }

  @Test
  void shouldRoundTripStateAndInputsThroughTheInternalSerdes() {
    TriggerStep state = labels(defined(POLICY), 4, "cat");
    var serde = TriggerSerdes.states();
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state.state())))
        .isEqualTo(state.state());
    var inputs = TriggerSerdes.inputs();
    List<TriggerInput> all = List.of(new TriggerInput.Rule("acme", DS, List.of("cat"), POLICY, "e1"),
        new TriggerInput.Rule("acme", DS, List.of(), null, "e2"),
        new TriggerInput.Cut("acme", DS, "trigger:drift:ds-1:1", 2, 5, "e3"),
        new TriggerInput.Label("acme", List.of("cat", "car"), "e4"),
        new TriggerInput.Drift("acme", "pets", 3, DriftSeverity.SEVERE, "e5"));
    for (TriggerInput input : all) {
      assertThat(inputs.deserializer().deserialize("t", inputs.serializer().serialize("t", input))).isEqualTo(input);
    }
  }
}
