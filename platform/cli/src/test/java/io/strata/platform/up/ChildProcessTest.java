package io.strata.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

  @TempDir
  Path directory;

  @Test
  void shouldEndAFailureWithTheLastErrorsOfTheChildsLog() throws Exception {
    Path log = directory.resolve("sink.log");
    Files.writeString(log, """
        ts=2026-11-24T09:24:08Z level=INFO msg="Starting"
        ts=2026-11-24T09:24:08Z level=ERROR msg="oldest failure, beyond the last five"
        ts=2026-11-24T09:24:09Z level=ERROR msg="first failure"
        09:24:10.000 ERROR o.a.k.c.runtime.Worker - second failure
        org.apache.kafka.common.KafkaException: Failed to construct kafka consumer
        \tat org.apache.kafka.clients.consumer.KafkaConsumer.<init>(KafkaConsumer.java:1)
        Caused by: java.net.BindException: Address already in use
        09:24:11.000 WARN  o.a.k.c.runtime.Worker - a warning
        strata sql-server: Cannot check and eventually update SQL schema
        """);

    assertThat(ChildProcess.lastErrors(log)).isEqualTo("""
        ; its last errors:
          ts=2026-11-24T09:24:09Z level=ERROR msg="first failure"
          09:24:10.000 ERROR o.a.k.c.runtime.Worker - second failure
          org.apache.kafka.common.KafkaException: Failed to construct kafka consumer
          Caused by: java.net.BindException: Address already in use
          strata sql-server: Cannot check and eventually update SQL schema""");
  }

  @Test
  void shouldAddNothingWhenTheLogHasNoErrorOrIsMissing() throws Exception {
    Path log = directory.resolve("quiet.log");
    Files.writeString(log, "ts=2026-11-24T09:24:08Z level=INFO msg=\"Started\"\n");

    assertThat(ChildProcess.lastErrors(log)).isEmpty();
    assertThat(ChildProcess.lastErrors(directory.resolve("missing.log"))).isEmpty();
  }
}
