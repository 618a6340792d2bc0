package io.strata.trainer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.strata.trainer.scheduler.Assignment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against fabric8's mock API server in CRUD mode: Jobs are really stored, read back, updated and deleted. */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobLauncherTest {

  KubernetesClient client;

  private final RecordingListener listener = new RecordingListener();
  private KubernetesJobLauncher launcher;

  @AfterEach
  void close() {
    launcher.close();
  }

  private List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace("training").list().getItems();
  }

  private LaunchSpec spec(String jobId, List<Assignment> placement) {
    return new LaunchSpec(jobId, "t1", List.of("python", "train.py"), Map.of("EPOCHS", "3"), "strata/trainer:1",
        placement);
  }

  @Test
  void shouldCreateAJobPinnedToItsNodeWithGpuLimitsAndReportSuccess() {
    launcher = new KubernetesJobLauncher(client, "training", Duration.ofMillis(50));
    launcher.launch(spec("Job_1", List.of(new Assignment("gpu-node-7", List.of(0, 1, 2, 3)))), listener);

    assertThat(jobs()).singleElement().satisfies(job -> {
      var pod = job.getSpec().getTemplate().getSpec();
      assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/hostname", "gpu-node-7");
      assertThat(pod.getRestartPolicy()).isEqualTo("Never");
      var container = pod.getContainers().get(0);
      assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("4"));
      assertThat(container.getImage()).isEqualTo("strata/trainer:1");
      assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("EPOCHS"));
      assertThat(job.getMetadata().getName()).matches("[a-z0-9-]{1,63}");
      assertThat(job.getMetadata().getAnnotations()).containsEntry("strata.io/job-id", "Job_1");
    });
    assertThat(listener.logs.get("Job_1")).startsWith("kubernetes://training/jobs/strata-job-1-");
    assertThat(listener.exits).isEmpty();

    markStatus(jobs().get(0), true);

    await().atMost(Duration.ofSeconds(10)).until(() -> listener.exits.containsKey("Job_1"));
    assertThat(listener.exits.get("Job_1")).isInstanceOf(Exit.Succeeded.class);
  }

  @Test
  void shouldDeleteTheJobsAPreviousRunLeftWhenReclaiming() {
    var before = new KubernetesJobLauncher(client, "training", Duration.ofSeconds(60));
    before.launch(spec("left", List.of(new Assignment("a", List.of(0)), new Assignment("b", List.of(0)))), listener);
    before.launch(spec("other", List.of(new Assignment("c", List.of(0)))), listener);
    before.close();
    assertThat(jobs()).hasSize(3);

    launcher = new KubernetesJobLauncher(client, "training", Duration.ofSeconds(60));
    launcher.reclaim("left");

    await().atMost(Duration.ofSeconds(10)).until(() -> jobs().size() == 1);
    assertThat(jobs().get(0).getMetadata().getAnnotations()).containsEntry("strata.io/job-id", "other");
  }

  @Test
  void shouldRunADistributedJobAsOneJobPerNodeAndFailWhenOneFails() {
    launcher = new KubernetesJobLauncher(client, "training", Duration.ofMillis(50));
    launcher.launch(spec("dist", List.of(new Assignment("a", List.of(0, 1)), new Assignment("b", List.of(4, 5)))),
        listener);

    assertThat(jobs()).hasSize(2).extracting(j -> j.getSpec().getTemplate().getSpec().getNodeSelector()
        .get("kubernetes.io/hostname")).containsExactlyInAnyOrder("a", "b");

    markStatus(jobs().get(1), false);

    await().atMost(Duration.ofSeconds(10)).until(() -> listener.exits.containsKey("dist"));
    assertThat(listener.exits.get("dist")).isInstanceOf(Exit.Failed.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> jobs().isEmpty());
  }

  @Test
  void shouldRequestNoGpusForACpuJobAndDeleteItsJobOnCancel() {
    launcher = new KubernetesJobLauncher(client, "training", Duration.ofMillis(50));
    launcher.launch(spec("cpu", List.of(new Assignment("n1", List.of()))), listener);
    assertThat(jobs()).singleElement().satisfies(job -> assertThat(
        job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
        .doesNotContainKey("nvidia.com/gpu"));

    launcher.cancel("cpu");

    assertThat(listener.exits.get("cpu")).isInstanceOf(Exit.Cancelled.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> jobs().isEmpty());
  }

  private void markStatus(Job job, boolean succeeded) {
    job.setStatus(succeeded ? new JobStatusBuilder().withSucceeded(1).build()
        : new JobStatusBuilder().withFailed(1).build());
    client.batch().v1().jobs().inNamespace("training").resource(job).updateStatus();
  }
}
