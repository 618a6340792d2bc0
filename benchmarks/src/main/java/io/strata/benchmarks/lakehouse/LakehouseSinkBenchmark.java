package io.strata.benchmarks.lakehouse;

import io.strata.benchmarks.BenchmarkReport;
import io.strata.benchmarks.ScratchDirectory;
import io.strata.events.ApiCall;
import io.strata.lakehouse.sink.LakehouseSinkWorker;
import io.strata.lakehouse.sink.SinkSettings;
import io.strata.lakehouse.sink.SourceTopic;
import io.strata.lakehouse.tables.AvroToIceberg;
import io.strata.lakehouse.tables.Catalogs;
import io.strata.platform.broker.BrokerSettings;
import io.strata.platform.broker.EmbeddedKafka;
import io.strata.platform.broker.Ports;
import io.strata.registry.RegistryServer;
import io.strata.schemas.topics.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code benchmarks/run lakehouse}: one broker, the {@code api-calls} topic (6 partitions) filled with realistic
 * {@link ApiCall} events, then (1) a plain {@code KafkaConsumer} reads them all (bytes only: the ceiling of any
 * reader), (2) the lakehouse sink worker, in this JVM, turns the same backlog into committed Iceberg rows, and (3)
 * at a steady produce rate, freshness is the time from the broker's append time of each event
 * ({@code _kafka_append_time}) to the moment its rows were seen committed through Iceberg's Java API (the table is
 * polled every 100 ms).
 *
 * <p>Arguments: {@code [events] [tasks.max] [steady events/s] [steady seconds] [commit interval ms]}; defaults
 * 1,500,000 events, the worker's default tasks (cores, at most 4), 5,000 events/s for 40 s, 1000 ms.
 */
public final class LakehouseSinkBenchmark {

  private static final Logger log = LoggerFactory.getLogger(LakehouseSinkBenchmark.class);

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_500_000;
    // The worker's default (one task per core, at most 4), what strata up runs.
    int tasks = args.length > 1 ? Integer.parseInt(args[1])
        : SinkSettings.defaults("unused:9092", "http://unused", Path.of("unused")).tasksMax();
    int steadyRate = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    int steadySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    long commitMs = args.length > 4 ? Long.parseLong(args[4]) : 1_000;
    try (var directory = new ScratchDirectory("strata-bench-lakehouse-");
        var kafka = EmbeddedKafka.start(new BrokerSettings(directory.path().resolve("kafka"), BrokerSettings.DEFAULT_HOST,
            Ports.free(), Ports.free(), Map.of()));
        var registry = RegistryServer.start(new RegistryServer.Settings(0, kafka.bootstrapServers()))) {
      String topic = Topics.API_CALLS.name();
      long eventBytes;
      try (var producer = producer(kafka, registry.url())) {
        eventBytes = produce(producer, topic, events, 0);
      }
      log.info("Backlog written: events={} avgValueBytes={}", events, eventBytes);

      double consumerRate = plainConsumer(kafka, topic, events);
      log.info("Plain consumer: events/s={}", (long) consumerRate);

      SinkSettings settings = SinkSettings.defaults(kafka.bootstrapServers(), registry.url(),
              directory.path().resolve("lakehouse"))
          .withTopics(List.of(SourceTopic.of(Topics.API_CALLS)))
          .with("bench", Duration.ofMillis(commitMs))
          .withConnector("strata-lakehouse", "_strata-lakehouse-control", tasks);
      TableIdentifier id = TableIdentifier.of(Namespace.of("bench"), "api_calls");
      long started = System.nanoTime();
      try (var worker = LakehouseSinkWorker.start(settings)) {
        try (JdbcCatalog catalog = Catalogs.jdbcSqlite(directory.path().resolve("lakehouse/catalog.db"),
            directory.path().resolve("lakehouse/warehouse"))) {
          Drain drain = drain(catalog, id, events, started);
          log.info("Sink drained the backlog: {}", drain);
          Histogram freshness = steadyLoad(kafka, registry.url(), catalog, id, topic, steadyRate, steadySeconds,
              events);
          report(events, eventBytes, tasks, commitMs, consumerRate, drain, freshness, steadyRate, steadySeconds);
        }
      }
    }
  }

  private static KafkaProducer<String, ApiCall> producer(EmbeddedKafka kafka, String registryUrl) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
        Topics.API_CALLS.keySerde().serializer(),
        Topics.API_CALLS.valueSerde(Map.of("schema.registry.url", registryUrl)).serializer());
  }

  /** Writes {@code count} events; returns the average serialized value size. */
  private static long produce(KafkaProducer<String, ApiCall> producer, String topic, int count, int offset) {
    for (int i = 0; i < count; i++) {
      ApiCall call = apiCall(offset + i);
      producer.send(new ProducerRecord<>(topic, call.getAppKey(), call));
    }
    producer.flush();
    return approximateSize(apiCall(0));
  }

  private static long approximateSize(ApiCall call) {
    try {
      var out = new java.io.ByteArrayOutputStream();
      var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
      new org.apache.avro.specific.SpecificDatumWriter<>(ApiCall.class).write(call, encoder);
      encoder.flush();
      return out.size() + 5L;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A realistic serving call: ids, a model, status, latency, and a few dimensions. */
  static ApiCall apiCall(long i) {
    return ApiCall.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setTenantId("tenant-" + (i % 20))
        .setOccurredAt(Instant.now())
        .setProducer("serving-service-1")
        .setCausationId(null)
        .setRequestId("req-" + UUID.randomUUID())
        .setAppKey("ak_" + (i % 200))
        .setApi("classify")
        .setModelName("cats-vs-dogs")
        .setModelVersion((int) (i % 5) + 1)
        .setStatus(i % 50 == 0 ? 429 : 200)
        .setErrorCode(i % 50 == 0 ? "RATE_LIMITED" : null)
        .setLatencyMicros(2_000 + i % 30_000)
        .setBillableUnits(1)
        .setDimensions(Map.of("region", "eu-west-1", "client", "sdk-java/1.4.2", "plan", "pro"))
        .build();
  }

  private static double plainConsumer(EmbeddedKafka kafka, String topic, int events) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long started = System.nanoTime();
      long read = 0;
      while (read < events) {
        read += consumer.poll(Duration.ofMillis(500)).count();
      }
      return read / ((System.nanoTime() - started) / 1e9);
    }
  }

  record Drain(double seconds, double sustainedPerSecond, int commits) {}

  /** Waits until {@code events} rows are committed; sustained rate between the first and the last commit. */
  private static Drain drain(JdbcCatalog catalog, TableIdentifier id, int events, long started)
      throws InterruptedException {
    long firstAt = 0;
    long firstRows = 0;
    int commits = 0;
    long lastRows = 0;
    while (true) {
      long rows = totalRows(catalog.loadTable(id));
      if (rows != lastRows) {
        commits++;
        if (firstAt == 0) {
          firstAt = System.nanoTime();
          firstRows = rows;
        }
        lastRows = rows;
      }
      if (rows >= events) {
        long now = System.nanoTime();
        double sustained = now == firstAt ? Double.NaN : (rows - firstRows) / ((now - firstAt) / 1e9);
        return new Drain((now - started) / 1e9, sustained, commits);
      }
      Thread.sleep(100);
    }
  }

  private static long totalRows(Table table) {
    Snapshot snapshot = table.currentSnapshot();
    return snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
  }

  /** Produces at {@code rate} events/s and records, per event, append time to seen-committed time. */
  private static Histogram steadyLoad(EmbeddedKafka kafka, String registryUrl, JdbcCatalog catalog, TableIdentifier id,
      String topic, int rate, int seconds, int alreadyThere) throws Exception {
    Histogram freshness = new Histogram(3_600_000L, 3);
    int total = rate * seconds;
    Thread producing = new Thread(() -> {
      try (var producer = producer(kafka, registryUrl)) {
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
          long due = start + (long) (i * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
          }
          ApiCall call = apiCall(i);
          producer.send(new ProducerRecord<>(topic, call.getAppKey(), call));
        }
        producer.flush();
      }
    }, "bench-steady-producer");
    producing.start();
    Table table = catalog.loadTable(id);
    long lastSnapshot = table.currentSnapshot().snapshotId();
    long seen = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 120L).toNanos();
    while (seen < total && System.nanoTime() < deadline) {
      Thread.sleep(100);
      table.refresh();
      Snapshot current = table.currentSnapshot();
      if (current.snapshotId() == lastSnapshot) {
        continue;
      }
      long visibleAt = System.currentTimeMillis();
      try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
          .appendsBetween(lastSnapshot, current.snapshotId())
          .select(AvroToIceberg.KAFKA_APPEND_TIME).build()) {
        for (Record row : rows) {
          long appended = ((OffsetDateTime) row.getField(AvroToIceberg.KAFKA_APPEND_TIME)).toInstant().toEpochMilli();
          freshness.recordValue(Math.max(0, visibleAt - appended));
          seen++;
        }
      }
      lastSnapshot = current.snapshotId();
    }
    producing.join();
    log.info("Steady load: produced={} seen={} p50Ms={} p99Ms={}", total, seen,
        freshness.getValueAtPercentile(50), freshness.getValueAtPercentile(99));
    return freshness;
  }

  private static void report(int events, long eventBytes, int tasks, long commitMs, double consumerRate, Drain drain,
      Histogram freshness, int steadyRate, int steadySeconds) {
    double sinkRate = drain.sustainedPerSecond();
    double endToEnd = events / drain.seconds();
    long p50 = freshness.getValueAtPercentile(50);
    long p99 = freshness.getValueAtPercentile(99);
    String table = String.format(Locale.ROOT, """
        Machine: 2 cores (shared), Java 17, one in-JVM KRaft broker, schema registry and Connect worker in the same
        JVM; JDBC catalog on SQLite, local warehouse, Parquet (snappy). Topic `api-calls`, 6 partitions, %,d
        `ApiCall` events of about %d bytes (Avro wire format). The sink runs `tasks.max=%d` (the worker's default:
        one task per core), commit interval %d ms, on tables as the worker creates them (Parquet dictionary encoding
        off for the columns unique per row: `eventId`, `requestId`, `occurredAt`, `_kafka_offset`, ...).
        Throughput: the backlog is read once by a plain `KafkaConsumer` (bytes, no decoding) and once by the sink
        (Avro decode, Connect conversion, Parquet write, Iceberg commit); the sink's sustained rate is rows committed
        between its first and its last commit. Freshness: %,d events/s for %d s; per event, from the broker's append
        time to the moment its rows were seen committed via Iceberg's Java API (table polled every 100 ms).

        | Measure | Lakehouse sink | Plain KafkaConsumer | Ratio | Target | Met |
        |---|---|---|---|---|---|
        | Sustained events/s (first to last commit) | %,.0f | %,.0f | %.2f | >= 50,000 | %s |
        | Events/s including worker start (%.1f s for %,d) | %,.0f | | | | |
        | Freshness p50 | %d ms | | | <= 5 s | %s |
        | Freshness p99 | %d ms | | | <= 10 s | %s |
        | Freshness max | %d ms | | | | |

        System load average (1 min) at the end of the run: %.1f.
        """, events, eventBytes, tasks, commitMs, steadyRate, steadySeconds,
        sinkRate, consumerRate, sinkRate / consumerRate, sinkRate >= 50_000 ? "yes" : "no",
        drain.seconds(), events, endToEnd,
        p50, p50 <= 5_000 ? "yes" : "no", p99, p99 <= 10_000 ? "yes" : "no", freshness.getMaxValue(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    log.info("\n{}", table);
    BenchmarkReport.atRepositoryRoot().writeSection("Lakehouse sink: Kafka to Iceberg", table);
  }
}
