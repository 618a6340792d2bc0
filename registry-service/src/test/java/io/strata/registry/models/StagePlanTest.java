package io.strata.registry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.ModelStage;
import io.strata.registry.controlplane.ApiError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StagePlanTest {

  private static final Map<Integer, ModelStage> STAGES = Map.of(1, ModelStage.PRODUCTION, 2, ModelStage.STAGING,
      3, ModelStage.NONE, 4, ModelStage.PRODUCTION);

  @Test
  void shouldArchiveOtherProductionVersionsAfterThePromotion() {
    assertThat(StagePlan.plan(STAGES, 2, ModelStage.PRODUCTION, true)).containsExactly(
        new StagePlan.Change(2, ModelStage.STAGING, ModelStage.PRODUCTION),
        new StagePlan.Change(1, ModelStage.PRODUCTION, ModelStage.ARCHIVED),
        new StagePlan.Change(4, ModelStage.PRODUCTION, ModelStage.ARCHIVED));
  }

  @Test
  void shouldKeepOtherProductionVersionsWhenAsked() {
    assertThat(StagePlan.plan(STAGES, 3, ModelStage.PRODUCTION, false))
        .containsExactly(new StagePlan.Change(3, ModelStage.NONE, ModelStage.PRODUCTION));
  }

  @Test
  void shouldMoveOnlyTheVersionToAnyOtherStage() {
    assertThat(StagePlan.plan(STAGES, 1, ModelStage.ARCHIVED, true))
        .containsExactly(new StagePlan.Change(1, ModelStage.PRODUCTION, ModelStage.ARCHIVED));
    assertThat(StagePlan.plan(STAGES, 2, ModelStage.NONE, true))
        .containsExactly(new StagePlan.Change(2, ModelStage.STAGING, ModelStage.NONE));
  }

  @Test
  void shouldRefuseAnUnchangedOrUnknownStage() {
    assertThatThrownBy(() -> StagePlan.plan(STAGES, 1, ModelStage.PRODUCTION, true))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("STAGE_UNCHANGED"));
    assertThat(StagePlan.stage("staging")).isEqualTo(ModelStage.STAGING);
    for (String bad : new String[] {"UNKNOWN", "live", null}) {
      assertThatThrownBy(() -> StagePlan.stage(bad))
          .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("INVALID_STAGE"));
    }
  }
}
