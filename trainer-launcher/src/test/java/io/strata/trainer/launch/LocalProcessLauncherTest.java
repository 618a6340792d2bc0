package io.strata.trainer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.trainer.scheduler.Assignment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessLauncherTest {

  @TempDir
  Path logs;

  private final RecordingListener listener = new RecordingListener();
  private LocalProcessLauncher launcher;

  @AfterEach
  void close() {
    launcher.close();
  }

  private LaunchSpec spec(String jobId, String script, List<Integer> gpus) {
    return new LaunchSpec(jobId, "t1", List.of("sh", "-c", script), Map.of("EXTRA", "x"), null,
        List.of(new Assignment("local", gpus)));
  }

  @Test
  void shouldExposeOnlyTheGivenGpusAndReportProgressLogsAndSuccess() throws Exception {
    launcher = new LocalProcessLauncher(logs);
    launcher.launch(spec("j1", "echo \"gpus=[$CUDA_VISIBLE_DEVICES] extra=$EXTRA\"; "
        + "echo 'strata.progress epoch=1 loss=0.5 accuracy=0.75'; "
        + "echo 'strata.outcome artifactUri=blob:sha256/ab artifactSha256=ab accuracy=0.9'; exit 0", List.of(2, 5)),
        listener);

    await().atMost(Duration.ofSeconds(20)).until(() -> listener.exits.containsKey("j1"));
    assertThat(listener.exits.get("j1")).isInstanceOfSatisfying(Exit.Succeeded.class, s -> {
      assertThat(s.outcome().getArtifactUri()).isEqualTo("blob:sha256/ab");
      assertThat(s.outcome().getMetrics()).containsEntry("accuracy", 0.9);
    });
    assertThat(listener.progress).singleElement().satisfies(p -> {
      assertThat(p.getEpoch()).isEqualTo(1);
      assertThat(p.getLoss()).isEqualTo(0.5);
      assertThat(p.getMetrics()).containsEntry("accuracy", 0.75);
    });
    assertThat(Files.readString(Path.of(URI.create(listener.logs.get("j1"))))).contains("gpus=[2,5] extra=x");
  }

  @Test
  void shouldHideEveryGpuFromACpuJob() throws Exception {
    launcher = new LocalProcessLauncher(logs);
    launcher.launch(spec("cpu", "echo \"set=${CUDA_VISIBLE_DEVICES+yes} value=[$CUDA_VISIBLE_DEVICES]\"", List.of()),
        listener);

    await().atMost(Duration.ofSeconds(20)).until(() -> listener.exits.containsKey("cpu"));
    assertThat(Files.readString(logs.resolve("cpu.log"))).contains("set=yes value=[]");
  }

  @Test
  void shouldReportFailureWithTheExitCode() {
    launcher = new LocalProcessLauncher(logs);
    launcher.launch(spec("bad", "echo boom; exit 3", List.of(0)), listener);

    await().atMost(Duration.ofSeconds(20)).until(() -> listener.exits.containsKey("bad"));
    assertThat(listener.exits.get("bad")).isEqualTo(new Exit.Failed("process exited with code 3"));
  }

  @Test
  void shouldStopAProcessThatOutlivedItsLauncherWhenANewOneReclaimsTheJob() throws Exception {
    var crashed = new LocalProcessLauncher(logs);
    Path pidFile = logs.resolve("child.pid");
    crashed.launch(spec("orphan", "sleep 300 & echo $! > " + pidFile + "; wait", List.of()), listener);
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
    long child = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(logs.resolve("orphan.pid")).exists();

    // A new launcher (as after a restart) knows nothing of the process but finds it by its pid file.
    launcher = new LocalProcessLauncher(logs);
    launcher.reclaim("orphan");

    await().atMost(Duration.ofSeconds(20))
        .until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(logs.resolve("orphan.pid")));
    launcher.reclaim("never-ran");
  }

  @Test
  void shouldKillTheWholeProcessTreeOnCancel() throws Exception {
    launcher = new LocalProcessLauncher(logs);
    Path pidFile = logs.resolve("child.pid");
    launcher.launch(spec("long", "sleep 300 & echo $! > " + pidFile + "; wait", List.of(0)), listener);
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
    long child = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(ProcessHandle.of(child)).isPresent();

    launcher.cancel("long");

    await().atMost(Duration.ofSeconds(20)).until(() -> listener.exits.containsKey("long"));
    assertThat(listener.exits.get("long")).isInstanceOf(Exit.Cancelled.class);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
  }
}
