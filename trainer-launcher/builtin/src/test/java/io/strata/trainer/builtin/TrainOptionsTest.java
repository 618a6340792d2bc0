package io.strata.trainer.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {

  private static final List<String> REQUIRED = List.of("--bootstrap-servers=localhost:9092",
      "--schema-registry-url=http://localhost:8081", "--blob-store=/data/blobs", "--work-dir=/tmp/job-1",
      "--tenant=acme", "--dataset=ds-1", "--version=3", "--items=120", "--job=job-1");

  @Test
  void shouldParseTheLaunchOptionsAndHyperparameters() {
    TrainOptions options = TrainOptions.parse(args("--epochs=4", "--learning-rate=0.003"), "dataset-version-items");

    assertThat(options.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(options.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
    assertThat(options.blobStore()).isEqualTo("/data/blobs");
    assertThat(options.workDir()).isEqualTo(Path.of("/tmp/job-1"));
    assertThat(options.tenant()).isEqualTo("acme");
    assertThat(options.itemsKey()).isEqualTo("ds-1/3");
    assertThat(options.items()).isEqualTo(120);
    assertThat(options.job()).isEqualTo("job-1");
    assertThat(options.itemsTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(options.itemsTopic()).isEqualTo("dataset-version-items");
    assertThat(options.hyperparameters().epochs()).isEqualTo(4);
    assertThat(options.hyperparameters().learningRate()).isEqualTo(0.003);
    assertThat(options.hyperparameters().imageSize()).isEqualTo(32);
  }

  @Test
  void shouldTakeTheOptionalTimeoutAndTopic() {
    TrainOptions options = TrainOptions.parse(args("--items-timeout-seconds=5", "--items-topic=items-it"), "x");

    assertThat(options.itemsTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.itemsTopic()).isEqualTo("items-it");
  }

  @Test
  void shouldFailOnAnUnknownHyperparameterNamingTheKnownOnes() {
    assertThatThrownBy(() -> TrainOptions.parse(args("--momentum=0.9"), "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown hyperparameter 'momentum'")
        .hasMessageContaining("architecture, batch-size, epochs, image-size, learning-rate, seed");
  }

  @Test
  void shouldFailOnAMissingOrMalformedOption() {
    List<String> withoutJob = new ArrayList<>(REQUIRED.subList(0, REQUIRED.size() - 1));

    assertThatThrownBy(() -> TrainOptions.parse(withoutJob.toArray(String[]::new), "t"))
        .hasMessageStartingWith("Missing option --job=<value>");
    assertThatThrownBy(() -> TrainOptions.parse(args("epochs=3"), "t"))
        .hasMessageContaining("every option is --name=value");
    assertThatThrownBy(() -> TrainOptions.parse(args("--epochs=3", "--epochs=4"), "t"))
        .hasMessage("Option --epochs is given twice");
    var badItems = new ArrayList<>(REQUIRED);
    badItems.set(7, "--items=0");
    assertThatThrownBy(() -> TrainOptions.parse(badItems.toArray(String[]::new), "t"))
        .hasMessageContaining("--items must be a whole number in 1..");
  }

  private static String[] args(String... extra) {
    var all = new ArrayList<>(REQUIRED);
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }
}
