package io.strata.trainer.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

  @Test
  void shouldDefaultEveryHyperparameter() {
    assertThat(Hyperparameters.of(Map.of())).isEqualTo(new Hyperparameters(10, 32, 32, 0.001, 42, "cnn"));
  }

  @Test
  void shouldOverrideGivenValues() {
    Hyperparameters h = Hyperparameters.of(Map.of("epochs", "3", "image-size", "48", "batch-size", "16",
        "learning-rate", "0.01", "seed", "7", "architecture", "mlp"));

    assertThat(h).isEqualTo(new Hyperparameters(3, 48, 16, 0.01, 7, "mlp"));
  }

  @Test
  void shouldRefuseAnUnknownHyperparameterNamingTheKnownOnes() {
    assertThatThrownBy(() -> Hyperparameters.of(Map.of("dropout", "0.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown hyperparameter 'dropout': the built-in trainer knows architecture, batch-size, epochs, "
            + "image-size, learning-rate, seed");
  }

  @Test
  void shouldRefuseValuesOutOfRangeOrNotNumbers() {
    assertThatThrownBy(() -> Hyperparameters.of(Map.of("epochs", "0")))
        .hasMessage("Hyperparameter 'epochs' must be in 1..1000, got 0");
    assertThatThrownBy(() -> Hyperparameters.of(Map.of("epochs", "ten")))
        .hasMessage("Hyperparameter 'epochs' must be a whole number, got 'ten'");
    assertThatThrownBy(() -> Hyperparameters.of(Map.of("learning-rate", "-1")))
        .hasMessageContaining("'learning-rate' must be in (0, 10]");
    assertThatThrownBy(() -> Hyperparameters.of(Map.of("architecture", "resnet")))
        .hasMessageContaining("must be one of [cnn, mlp]");
  }
}
