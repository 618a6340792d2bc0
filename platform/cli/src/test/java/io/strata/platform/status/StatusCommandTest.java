package io.strata.platform.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.platform.StrataCli;
import io.strata.platform.broker.Ports;
import io.strata.platform.runtime.Component;
import io.strata.platform.runtime.RuntimeFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {

  @TempDir
  Path dataDir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldSayHowToStartWhenNothingRuns() {
    int exitCode = status("--json");

    assertThat(exitCode).isEqualTo(1);
    assertThat(out.toString().trim()).isEqualTo("{\"components\":[]}");
    assertThat(err.toString()).contains("not running").contains("./strata up");
  }

  @Test
  void shouldReportComponentsThatDoNotAnswerAsUnhealthy() {
    var registryUrl = "http://localhost:" + Ports.free();
    new RuntimeFile(dataDir).write(List.of(new Component(Component.REGISTRY, registryUrl)));

    int exitCode = status();

    assertThat(exitCode).isEqualTo(1);
    assertThat(out.toString()).contains(registryUrl).contains("UNHEALTHY");
    assertThat(err.toString()).contains("./strata up");
  }

  private int status(String... extra) {
    var args = new ArrayList<>(List.of("status", "--data-dir", dataDir.toString()));
    args.addAll(List.of(extra));
    return StrataCli.commandLine()
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args.toArray(String[]::new));
  }
}
