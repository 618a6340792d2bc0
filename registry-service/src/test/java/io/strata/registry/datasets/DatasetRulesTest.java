package io.strata.registry.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.events.DriftSeverity;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.Json;
import org.junit.jupiter.api.Test;

class DatasetRulesTest {

  private static JsonNode json(String text) {
    return Json.object(text);
  }

  private static String code(Runnable call) {
    try {
      call.run();
    } catch (ApiError e) {
      return e.code();
    }
    throw new AssertionError("expected an ApiError");
  }

  @Test
  void shouldApplyDefaultsToAMinimalRule() {
    var rule = DatasetRules.created(json("{\"name\":\"  Cats \"}"));
    assertThat(rule.getName()).isEqualTo("Cats");
    assertThat(rule.getTags()).isEmpty();
    assertThat(rule.getValidationPercent()).isEqualTo(10);
    assertThat(rule.getTestPercent()).isEqualTo(10);
    assertThat(rule.getTrainingPolicy()).isNull();
  }

  @Test
  void shouldReadATrainingPolicy() {
    var rule = DatasetRules.created(json("{\"name\":\"c\",\"trainingPolicy\":{\"modelName\":\"pets\",\"newLabels\":"
        + "500,\"driftSeverity\":\"MODERATE\",\"gpus\":2,\"hyperparameters\":{\"epochs\":5,\"seed\":\"7\"}}}"));
    var policy = rule.getTrainingPolicy();
    assertThat(policy.getModelName()).isEqualTo("pets");
    assertThat(policy.getNewLabels()).isEqualTo(500);
    assertThat(policy.getDriftSeverity()).isEqualTo(DriftSeverity.MODERATE);
    assertThat(policy.getTrainer()).isEqualTo("builtin");
    assertThat(policy.getGpus()).isEqualTo(2);
    assertThat(policy.getHyperparameters()).containsEntry("epochs", "5").containsEntry("seed", "7");
  }

  @Test
  void shouldRefuseInvalidRulesNamingTheField() {
    assertThat(code(() -> DatasetRules.created(json("{}")))).isEqualTo("INVALID_RULE");
    assertThat(code(() -> DatasetRules.created(json("{\"name\":\"c\",\"testPercent\":50,\"validationPercent\":50}"))))
        .isEqualTo("INVALID_RULE");
    assertThat(code(() -> DatasetRules.created(json("{\"name\":\"c\",\"tags\":\"x\"}")))).isEqualTo("INVALID_RULE");
    assertThat(code(() -> DatasetRules.created(json("{\"name\":\"c\",\"clases\":[]}")))).isEqualTo("INVALID_RULE");
    assertThat(code(() -> DatasetRules.created(json("{\"name\":\"c\",\"trainingPolicy\":{\"newLabels\":5}}"))))
        .isEqualTo("INVALID_RULE");
    assertThat(code(() -> DatasetRules.created(json("{\"name\":\"c\",\"trainingPolicy\":{\"modelName\":\"m\","
        + "\"driftSeverity\":\"HUGE\"}}")))).isEqualTo("INVALID_RULE");
    assertThat(code(() -> DatasetRules.created(json("{\"name\":\"c\",\"trainingPolicy\":{\"modelName\":\"m\","
        + "\"newLabels\":0}}")))).isEqualTo("INVALID_RULE");
    assertThatThrownBy(() -> DatasetRules.created(json("{\"name\":\"c\",\"trainingPolicy\":{\"modelName\":\"a/b\"}}")))
        .hasMessageContaining("a/b");
    assertThat(code(() -> DatasetRules.datasetId(json("{\"datasetId\":\"Has/Slash\"}"))))
        .isEqualTo("INVALID_DATASET_ID");
  }

  @Test
  void shouldKeepAbsentFieldsAndTheSplitsOnAChange() {
    var created = DatasetRules.created(json("{\"name\":\"c\",\"classes\":[\"cat\"],\"testPercent\":20,"
        + "\"trainingPolicy\":{\"modelName\":\"m\"}}"));
    var changed = DatasetRules.changed(created, json("{\"tags\":[\"a\",\"a\",\"b\"],\"testPercent\":20}"));
    assertThat(changed.getClasses()).containsExactly("cat");
    assertThat(changed.getTags()).containsExactly("a", "b");
    assertThat(changed.getTrainingPolicy().getModelName()).isEqualTo("m");
    assertThat(DatasetRules.changed(created, json("{\"trainingPolicy\":null}")).getTrainingPolicy()).isNull();
    assertThat(code(() -> DatasetRules.changed(created, json("{\"validationPercent\":15}"))))
        .isEqualTo("SPLIT_IMMUTABLE");
    assertThat(code(() -> DatasetRules.changed(created, json("{\"datasetId\":\"x\"}")))).isEqualTo("INVALID_RULE");
  }
}
