package io.strata.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.events.ApiCall;
import io.strata.lakehouse.tables.AvroToIceberg;
import io.strata.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once across crashes: the sink worker runs as a child process and is killed with SIGKILL several times
 * while events stream in, at different moments of the commit cycle; afterwards the table holds every offset of
 * the topic exactly once.
 */
class ExactlyOnceIT {

  private static final Logger log = LoggerFactory.getLogger(ExactlyOnceIT.class);
  private static final int PARTITIONS = 3;
  /** Events per second while the worker is killed and restarted. */
  private static final int RATE = 400;
  private static final Duration COMMIT = Duration.ofSeconds(1);
  /** Time after the worker's first new rows at which it is killed: before, inside and across commit cycles. */
  private static final long[] KILL_AFTER_MS = {300, 1_700, 2_900, 650};

  @TempDir
  Path temp;

  @Test
  void shouldNeitherLoseNorDuplicateRowsWhenTheWorkerIsKilledMidStream() throws Exception {
    SinkFixture fixture = new SinkFixture(SinkFixture.directory(temp, "data"));
    SourceTopic topic = fixture.copyOf(Topics.API_CALLS, PARTITIONS);
    SinkSettings settings = fixture.settings(COMMIT);
    AtomicBoolean producing = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();

    try (var catalog = fixture.catalog(); var producer = fixture.producer(Topics.API_CALLS)) {
      CompletableFuture<Void> production = CompletableFuture.runAsync(() -> {
        for (long i = 0; producing.get(); i++) {
          ApiCall call = EventFactory.create(ApiCall.class, "call-" + i);
          producer.send(new ProducerRecord<>(topic.name(), "app-" + (i % 7), call));
          sent.incrementAndGet();
          if (i % (RATE / 10) == RATE / 10 - 1) {
            sleep(100);
          }
        }
        producer.flush();
      });

      for (long killAfter : KILL_AFTER_MS) {
        Process worker = startWorker(settings, "run-" + killAfter);
        long launched = System.nanoTime();
        int before = rowCount(catalog, fixture, topic);
        try {
          await().atMost(Duration.ofSeconds(120)).until(() -> rowCount(catalog, fixture, topic) > before);
        } catch (RuntimeException | Error e) {
          worker.destroyForcibly().waitFor();
          producing.set(false);
          throw e;
        }
        log.info("Worker committed new rows {} ms after launch (rows before={}); killing it in {} ms",
            (System.nanoTime() - launched) / 1_000_000, before, killAfter);
        Thread.sleep(killAfter);
        worker.destroyForcibly().waitFor();
        log.info("Killed the worker with SIGKILL: sent={} rows={}", sent.get(), rowCount(catalog, fixture, topic));
      }

      Process last = startWorker(settings, "final");
      try {
        producing.set(false);
        production.get();
        long expected = endOffsets(fixture, topic).values().stream().mapToLong(Long::longValue).sum();
        assertThat(expected).isEqualTo(sent.get());
        log.info("Produced {} events while killing the worker {} times", expected, KILL_AFTER_MS.length);
        await().atMost(Duration.ofSeconds(180)).until(() -> rowCount(catalog, fixture, topic) >= expected);
        // One more commit cycle: a duplicate would show up after the count first reaches the expected total.
        Thread.sleep(3 * COMMIT.toMillis());

        List<Record> rows = SinkFixture.rows(catalog, fixture.table(topic));
        Map<Integer, Long> ends = endOffsets(fixture, topic);
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Record row : rows) {
          String id = row.getField(AvroToIceberg.KAFKA_PARTITION) + "@" + row.getField(AvroToIceberg.KAFKA_OFFSET);
          if (!seen.add(id)) {
            duplicates.add(id);
          }
        }
        Set<String> missing = new HashSet<>();
        ends.forEach((partition, end) -> {
          for (long offset = 0; offset < end; offset++) {
            if (!seen.contains(partition + "@" + offset)) {
              missing.add(partition + "@" + offset);
            }
          }
        });
        assertThat(duplicates).as("rows written twice").isEmpty();
        assertThat(missing).as("offsets missing from the table").isEmpty();
        assertThat(rows).hasSize((int) expected);
        assertThat(rows.stream().map(r -> r.getField("eventId")).distinct().count()).isEqualTo(expected);
      } finally {
        last.destroy();
        last.waitFor();
      }
    }
  }

  private Process startWorker(SinkSettings settings, String name) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), LakehouseSinkWorker.class.getName()));
    command.addAll(settings.toArguments());
    Path output = Files.createDirectories(Path.of("target", "exactly-once-it")).resolve("worker-" + name + ".log");
    log.info("Starting the sink worker as a child process, output in {}", output);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  private static int rowCount(org.apache.iceberg.catalog.Catalog catalog, SinkFixture fixture, SourceTopic topic) {
    if (!catalog.tableExists(fixture.table(topic))) {
      return 0;
    }
    var table = catalog.loadTable(fixture.table(topic));
    var snapshot = table.currentSnapshot();
    return snapshot == null ? 0 : Integer.parseInt(snapshot.summary().getOrDefault("total-records", "0"));
  }

  private static Map<Integer, Long> endOffsets(SinkFixture fixture, SourceTopic topic) throws Exception {
    try (Admin admin = Admin.create(fixture.kafka.clientProperties())) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
      }
      Map<Integer, Long> ends = new HashMap<>();
      admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
      return ends;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
