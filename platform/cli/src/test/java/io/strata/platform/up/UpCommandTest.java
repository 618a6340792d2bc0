package io.strata.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.platform.StrataCli;
import io.strata.platform.broker.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpCommandTest {

  @TempDir
  Path dataDir;

  @Test
  void shouldRefuseToStartAndNameTheFlagWhenTheRegistryPortIsTaken() throws IOException {
    var err = new StringWriter();
    var kafkaPorts = Ports.free(2);
    try (var taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
      int exitCode = StrataCli.commandLine()
          .setOut(new PrintWriter(new StringWriter()))
          .setErr(new PrintWriter(err))
          .execute("up", "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(kafkaPorts.get(0)),
              "--controller-port", String.valueOf(kafkaPorts.get(1)), "--registry-port", String.valueOf(taken.getLocalPort()));

      assertThat(exitCode).isEqualTo(1);
      assertThat(err.toString())
          .contains("port " + taken.getLocalPort())
          .contains("--registry-port");
    }
    assertThat(dataDir.resolve("kafka")).doesNotExist();
  }
}
