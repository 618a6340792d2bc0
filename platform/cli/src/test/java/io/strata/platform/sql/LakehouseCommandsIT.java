package io.strata.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.platform.Environment;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lakehouse commands end to end: {@code strata sql} and {@code strata reconcile} run as child JVMs of the
 * lakehouse/sql module (it must be built: {@code mvn -pl lakehouse/sql install -DskipTests}) against a real
 * broker. Tables are created and filled through {@code strata sql} itself.
 */
class LakehouseCommandsIT {

  static final EmbeddedKafka kafka = EmbeddedKafka.shared();

  @TempDir
  static Path dataDir;

  static String matching;
  static String gappy;

  @BeforeAll
  static void produceAndFillTables() throws Exception {
    matching = TestTopics.unique("recon-ok");
    gappy = TestTopics.unique("recon-gap");
    kafka.createTopic(matching, 2);
    kafka.createTopic(gappy, 1);
    try (var producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 6; i++) {
        producer.send(new ProducerRecord<>(matching, i % 2, null, new byte[] {(byte) i}));
        producer.send(new ProducerRecord<>(gappy, 0, null, new byte[] {(byte) i}));
      }
    }
    // Rows for offsets 0-2 of both partitions of `matching`; offsets 0-5 of `gappy` except 3.
    Path statements = dataDir.resolve("setup.sql");
    Files.writeString(statements, """
        CREATE TABLE strata.strata.%1$s (eventId STRING, _kafka_partition INT, _kafka_offset BIGINT) USING iceberg;
        INSERT INTO strata.strata.%1$s VALUES ('a', 0, 0), ('b', 0, 1), ('c', 0, 2), ('d', 1, 0), ('e', 1, 1), ('f', 1, 2);
        CREATE TABLE strata.strata.%2$s (eventId STRING, _kafka_partition INT, _kafka_offset BIGINT) USING iceberg;
        INSERT INTO strata.strata.%2$s VALUES ('a', 0, 0), ('b', 0, 1), ('c', 0, 2), ('e', 0, 4), ('f', 0, 5);
        """.formatted(table(matching), table(gappy)));
    var setup = run(LakehouseProcesses.SQL_MAIN, List.of("--file", statements.toString()));
    assertThat(setup.exitCode()).as(setup.output()).isZero();
  }

  @Test
  void shouldPrintAQueryResultFromTheChildJvm() throws Exception {
    var result = run(LakehouseProcesses.SQL_MAIN, List.of("SELECT _kafka_partition AS p, count(*) AS n FROM "
        + table(matching) + " GROUP BY 1 ORDER BY 1"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).isEqualTo("p | n\n--+--\n0 | 3\n1 | 3\n(2 rows)\n");
  }

  @Test
  void shouldReportTheGapOfOneTableAndExitNonZero() throws Exception {
    var result = run(LakehouseProcesses.RECONCILE_MAIN,
        List.of("--bootstrap-servers", kafka.bootstrapServers(), "--topic", matching, "--topic", gappy));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains(gappy + "/0: GAP missing 3")
        .containsPattern(matching + " +\\| 0 +\\| 0\\.\\.3 +\\| 3 +\\| 3 +\\| 0 +\\| 0 +\\| 0 +\\| 0 +\\| OK")
        .containsPattern(gappy + " +\\| 0 +\\| 0\\.\\.6 +\\| 6 +\\| 5 +\\| 1 +\\| 0 +\\| 0 +\\| 0 +\\| GAP");
  }

  @Test
  void shouldExitZeroWhenTheTableMatchesItsTopic() throws Exception {
    var result = run(LakehouseProcesses.RECONCILE_MAIN, List.of("--bootstrap-servers", kafka.bootstrapServers(),
        "--topic", matching));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("All 1 topics match their tables.");
  }

  @Test
  void shouldTakeKafkaFromTheRunningPlatformWhenNotGiven() {
    var runtime = new io.strata.platform.runtime.RuntimeFile(dataDir.resolve("platform"));
    runtime.write(List.of(new io.strata.platform.runtime.Component("kafka", "localhost:19092")));

    assertThat(ReconcileCommand.withBootstrap(List.of("--topic", "x"), new Environment(Map.of()), runtime))
        .containsExactly("--bootstrap-servers", "localhost:19092", "--topic", "x");
    assertThat(ReconcileCommand.withBootstrap(List.of("--bootstrap-servers=k:1"), new Environment(Map.of()), runtime))
        .containsExactly("--bootstrap-servers=k:1");
  }

  record Result(int exitCode, String output) {}

  static Result run(String mainClass, List<String> args) throws Exception {
    Path log = Files.createTempFile(dataDir, "child", ".out");
    int exit = LakehouseProcesses.process(new Environment(Map.of()), mainClass, dataDir, new ArrayList<>(args))
        .logTo(log).build().run();
    return new Result(exit, Files.readString(log, StandardCharsets.UTF_8));
  }

  static String table(String topic) {
    return topic.replace('-', '_');
  }
}
