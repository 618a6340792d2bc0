package io.strata.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.platform.StrataCli;
import io.strata.platform.broker.Ports;
import io.strata.platform.controlplane.CliRun;
import io.strata.platform.controlplane.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata up} in-process, then the operator's tenant and app commands against its control plane. */
class AppCommandsIT {

  @TempDir
  Path dataDir;

  private final List<Integer> ports = Ports.free(3);
  private Thread up;

  @AfterEach
  void stop() throws InterruptedException {
    if (up != null) {
      up.interrupt();
      up.join(Duration.ofSeconds(60).toMillis());
      assertThat(up.isAlive()).as("strata up still running 60 s after being stopped").isFalse();
    }
  }

  @Test
  void shouldCreateListRotateAndBlockAnAppThroughTheCli() {
    startUp();

    assertThat(strata("tenant", "create", "acme", "--display-name", "Acme Corp").out()).contains("Created tenant acme");
    assertThat(strata("tenant", "list").out()).contains("acme").contains("Acme Corp");

    var created = strata("app", "create", "--tenant", "acme", "--name", "upload-bot");
    assertThat(created.out()).contains("App secret: ").contains(AppView.NOT_SHOWN_AGAIN);
    var appKey = created.out().lines().filter(line -> line.startsWith("App key:")).findFirst().orElseThrow()
        .substring("App key:".length()).trim();
    assertThat(appKey).startsWith("ak_");

    var listed = strata("app", "list", "--tenant", "acme");
    assertThat(listed.out()).contains(appKey).contains("upload-bot").contains("active").doesNotContain("secret");

    var rotated = Json.read(strata("app", "rotate", "--tenant", "acme", appKey, "--grace", "1h", "--json").out());
    assertThat(rotated.path("appKey").asText()).isEqualTo(appKey);
    assertThat(rotated.path("appSecret").asText()).matches("[A-Za-z0-9_-]{43}");
    assertThat(rotated.path("previousSecretValidUntil").isMissingNode()).isFalse();

    strata("app", "block", "--tenant", "acme", appKey, "--reason", "leaked in a ticket");
    assertThat(strata("app", "get", "--tenant", "acme", appKey).out()).contains("blocked");
    strata("app", "unblock", "--tenant", "acme", appKey);
    assertThat(strata("app", "get", "--tenant", "acme", appKey).out()).contains("active");

    var refused = CliRun.of("app", "get", "--tenant", "acme", "ak_doesNotExist00000000", "--data-dir", dataDir.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("404");
  }

  /** A command that must succeed. */
  private CliRun strata(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data-dir", dataDir.toString()));
    var run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as("strata %s: %s", String.join(" ", args), run.err()).isZero();
    return run;
  }

  private void startUp() {
    up = new Thread(() -> StrataCli.commandLine()
        .setOut(new PrintWriter(new StringWriter()))
        .execute("up", "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(ports.get(0)),
            "--controller-port", String.valueOf(ports.get(1)), "--registry-port", String.valueOf(ports.get(2)),
            // Only the control plane is exercised: Spark's start-up is not worth its time here.
            "--no-sql-server"),
        "strata-up");
    up.start();
    // Every other component starts too (their status must be healthy): on 2 busy cores that takes minutes.
    await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
        .until(() -> CliRun.of("status", "--data-dir", dataDir.toString()).exitCode() == 0);
  }
}
