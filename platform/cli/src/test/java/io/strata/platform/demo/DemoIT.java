package io.strata.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.platform.StrataCli;
import io.strata.platform.broker.Ports;
import io.strata.platform.runtime.ModuleProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's main loop end to end on real components, as {@code ./strata demo} runs it: a tenant and app,
 * generated images with bad files refused, VOC labels imported, a dataset version cut, a CPU training job, the model
 * published and promoted, and the lineage queried in Spark SQL.
 */
class DemoIT {

  @TempDir
  Path dataDir;

  @BeforeAll
  static void findTheModules() {
    System.setProperty(ModuleProcess.HOME_PROPERTY, Path.of("").toAbsolutePath().resolve("../..").normalize().toString());
  }

  @Test
  void shouldRunTheWholeLoopFromUploadsToTheLineageOfAPromotedModel() throws Exception {
    List<Integer> ports = Ports.free(7);
    var out = new StringWriter();
    int exit;
    try {
      exit = StrataCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(
          "demo", "--data-dir", dataDir.toString(), "--images", "90", "--epochs", "3",
          "--kafka-port", ports.get(0).toString(), "--controller-port", ports.get(1).toString(),
          "--registry-port", ports.get(2).toString(), "--gateway-port", ports.get(3).toString(),
          "--connect-port", ports.get(4).toString(), "--processors-port", ports.get(5).toString(),
          "--launcher-port", ports.get(6).toString());
    } finally {
      System.out.println(out);
      printLogs();
    }

    String printed = out.toString();
    assertThat(exit).as(printed).isZero();
    assertThat(printed)
        .contains("tenant 'demo' created")
        .contains("the 3 bad files were refused")
        .contains("succeeded")
        .contains("is now in PRODUCTION")
        .contains("Done in");
    // The lineage query's table: the model's job and dataset version, then its samples per split, class and annotator.
    assertThat(printed).containsPattern("shapes +\\| 1 +\\| job-\\S+ +\\| manual +\\| shapes-\\S+ +\\| 1 +\\| 90 ")
        .containsPattern("TRAIN +\\| (circle|square|triangle) +\\| IMPORT")
        .containsPattern("TEST +\\| (circle|square|triangle) +\\| IMPORT");
    assertThat(dataDir.resolve("run")).isEmptyDirectory();
  }

  private void printLogs() throws Exception {
    Path logs = dataDir.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return;
    }
    try (var files = Files.list(logs)) {
      for (Path log : files.toList()) {
        var lines = Files.readAllLines(log);
        System.out.println("==== " + log.getFileName() + " (last 30 lines)");
        lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(System.out::println);
      }
    }
  }
}
