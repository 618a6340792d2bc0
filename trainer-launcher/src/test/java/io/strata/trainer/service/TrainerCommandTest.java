package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.TrainingRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainerCommandTest {

  private final TrainerCommand command = new TrainerCommand("/jdk/bin/java", Optional.of("/t/trainer.jar:/t/lib.jar"),
      LauncherSettings.DEFAULT_BUILTIN_MAIN, "localhost:9092", "http://localhost:8081", "/data/blobs",
      Path.of("/data/training/work"), Path.of("/data/training/djl-cache"));

  private static TrainingRequest request(String trainer, Map<String, String> hyperparameters) {
    return TrainingRequest.newBuilder().setDatasetId("cats").setDatasetVersion(3).setPolicy("manual")
        .setTrainer(trainer).setHyperparameters(hyperparameters).build();
  }

  @Test
  void shouldRunTheBuiltinTrainerPerItsContractWithoutTheSchedulersHyperparameters() {
    var result = command.build("job-1", "acme", request("builtin",
        Map.of("epochs", "5", "learning-rate", "0.01", "scheduler.nodes", "1")), Optional.of(120L));

    assertThat(result).isInstanceOfSatisfying(TrainerCommand.Command.class, c -> {
      assertThat(c.argv()).containsExactly("/jdk/bin/java", "-Xmx1g", "-Dai.djl.offline=true",
          "-Dai.djl.pytorch.num_threads=" + TrainerCommand.TRAINER_THREADS, "-Dai.djl.pytorch.num_interop_threads=1", "-cp",
          "/t/trainer.jar:/t/lib.jar", "io.strata.trainer.builtin.TrainMain",
          "--bootstrap-servers=localhost:9092", "--schema-registry-url=http://localhost:8081",
          "--blob-store=/data/blobs", "--work-dir=/data/training/work/job-1", "--tenant=acme", "--dataset=cats",
          "--version=3", "--items=120", "--job=job-1", "--epochs=5", "--learning-rate=0.01");
      assertThat(c.env()).containsExactly(Map.entry("DJL_CACHE_DIR", "/data/training/djl-cache"));
    });
  }

  @Test
  void shouldLeaveOtherTrainersToTheResolver() {
    assertThat(command.refusal(request("pytorch-custom", Map.of()))).get().asString()
        .contains("not the built-in trainer");
    assertThat(command.refusal(request(" ", Map.of()))).isEmpty();
  }

  @Test
  void shouldSayHowToSetTheClasspathWhenItIsMissing() {
    var unset = new TrainerCommand("java", Optional.empty(), LauncherSettings.DEFAULT_BUILTIN_MAIN, "k", "r", "b",
        Path.of("w"), Path.of("d"));

    assertThat(unset.refusal(request("builtin", Map.of()))).get().asString()
        .contains("STRATA_BUILTIN_TRAINER_CLASSPATH is not set").contains("classpath.txt");
  }

  @Test
  void shouldRefuseAVersionThatWasNeverCut() {
    assertThat(command.build("j", "acme", request("builtin", Map.of()), Optional.empty()))
        .isInstanceOfSatisfying(TrainerCommand.Refused.class, r ->
            assertThat(r.reason()).contains("dataset 'cats' of tenant 'acme' has no version 3"));
  }
}
