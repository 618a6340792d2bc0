package io.strata.trainer.trainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.TrainerFramework;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerRulesTest {

  @Test
  void shouldAcceptLowerCaseNamesAndReserveBuiltin() {
    assertThat(TrainerRules.nameProblem("resnet-50")).isEmpty();
    assertThat(TrainerRules.nameProblem("a".repeat(63))).isEmpty();
    assertThat(TrainerRules.nameProblem("a".repeat(64))).isPresent();
    assertThat(TrainerRules.nameProblem("-x")).isPresent();
    assertThat(TrainerRules.nameProblem("ResNet")).isPresent();
    assertThat(TrainerRules.nameProblem("a/b")).isPresent();
    assertThat(TrainerRules.nameProblem(null)).isPresent();
    assertThat(TrainerRules.nameProblem("builtin")).get().asString().contains("reserved");
  }

  @Test
  void shouldRequireANonEmptyCommand() {
    assertThat(TrainerRules.commandProblem(List.of("sh", "train.sh"))).isEmpty();
    assertThat(TrainerRules.commandProblem(List.of())).get().asString().contains("non-empty");
    assertThat(TrainerRules.commandProblem(List.of(" "))).isPresent();
  }

  @Test
  void shouldReadFrameworksCaseInsensitively() {
    assertThat(TrainerRules.framework("pytorch")).contains(TrainerFramework.PYTORCH);
    assertThat(TrainerRules.framework("caffe")).isEmpty();
    assertThat(TrainerRules.frameworks()).contains("PYTORCH", "TENSORFLOW", "ONNX", "DJL", "OTHER");
  }
}
