package io.strata.trainer.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.strata.blobstore.LocalBlobStore;
import io.strata.events.TrainerBlob;
import io.strata.events.TrainerEvent;
import io.strata.events.TrainerEventKind;
import io.strata.events.TrainerFramework;
import io.strata.events.TrainingProgress;
import io.strata.trainer.launch.Exit;
import io.strata.trainer.launch.KubernetesJobLauncher;
import io.strata.trainer.launch.LaunchListener;
import io.strata.trainer.launch.LaunchSpec;
import io.strata.trainer.scheduler.Assignment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A custom trainer's Kubernetes Job, against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class CustomTrainerOnKubernetesTest {

  KubernetesClient client;

  @TempDir
  Path temp;

  private CustomTrainerLauncher launcher;

  @AfterEach
  void close() {
    launcher.close();
  }

  @Test
  void shouldRunTheTrainersImageAndCommandWithGpuLimitsAndBlobUris() throws Exception {
    launcher = new CustomTrainerLauncher(new KubernetesJobLauncher(client, "training", Duration.ofSeconds(60)),
        new LocalBlobStore(temp.resolve("blobs")), null, temp.resolve("work"), Duration.ofSeconds(1),
        new CustomTrainerLauncher.ClusterEnv("kafka:9092", "http://registry:8081", "dataset-version-items"));
    var trainer = TrainerEvent.newBuilder().setEventId("e").setTenantId("acme").setOccurredAt(Instant.EPOCH)
        .setProducer("t").setName("resnet").setKind(TrainerEventKind.WEIGHTS_UPLOADED).setRevision(3)
        .setFramework(TrainerFramework.PYTORCH).setImage("registry.example/resnet:4")
        .setCommand(List.of("python", "train.py", "--fast"))
        .setCode(new TrainerBlob("s3://models/code/" + "c".repeat(64), "c".repeat(64), 100L, "tar.gz"))
        .setBaseWeights(new TrainerBlob("s3://models/w/" + "d".repeat(64), "d".repeat(64), 9L, null)).build();
    var job = new CustomJob("job-9", "acme", "cats", 4, 120, trainer, Map.of("epochs", "2"));
    var exits = new java.util.concurrent.ConcurrentHashMap<String, Exit>();

    launcher.launchCustom(new LaunchSpec("job-9", "acme", List.copyOf(trainer.getCommand()), Map.of(), null,
        List.of(new Assignment("gpu-node-3", List.of(0, 1)))), job, new LaunchListener() {
          @Override
          public void started(String jobId, String logsUri) {}

          @Override
          public void progress(String jobId, TrainingProgress progress) {}

          @Override
          public void exited(String jobId, Exit exit) {
            exits.put(jobId, exit);
          }
        });

    var jobs = client.batch().v1().jobs().inNamespace("training").list().getItems();
    assertThat(jobs).singleElement().satisfies(created -> {
      var container = created.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getImage()).isEqualTo("registry.example/resnet:4");
      assertThat(container.getCommand()).containsExactly("python", "train.py", "--fast");
      assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"));
      Map<String, String> env = container.getEnv().stream()
          .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
      assertThat(env).containsEntry("STRATA_JOB_ID", "job-9").containsEntry("STRATA_TENANT_ID", "acme")
          .containsEntry("STRATA_DATASET_ID", "cats").containsEntry("STRATA_DATASET_VERSION", "4")
          .containsEntry("STRATA_FRAMEWORK", "PYTORCH").containsEntry("STRATA_HYPERPARAMETERS", "{\"epochs\":\"2\"}")
          .containsEntry("STRATA_CODE_URI", trainer.getCode().getUri()).containsEntry("STRATA_CODE_FORMAT", "tar.gz")
          .containsEntry("STRATA_BASE_WEIGHTS_URI", trainer.getBaseWeights().getUri())
          .containsEntry("STRATA_ITEMS_TOPIC", "dataset-version-items").containsEntry("STRATA_ITEMS_KEY", "cats/4")
          .containsEntry("STRATA_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
          .containsEntry("STRATA_OUTPUT_DIR", "/strata/output");
    });
    assertThat(exits).isEmpty();
  }
}
