package io.strata.drift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The drift job's graph: {@code predictions} and {@code models} (decoded by {@link WireFormatDecoder}, watermarked
 * by event time with bounded out-of-orderness, idle partitions excluded) → keyed by {@code tenant/model/version}
 * → {@link DriftWindows} → {@code drift-reports} and dead letters through Kafka sinks flushed at each checkpoint.
 * State and source offsets are checkpointed together, so a restore neither loses nor double-counts a prediction
 * in a window; a report written after the last checkpoint before a crash is written again, with the same
 * {@code eventId} (a name-based UUID of key and window), which readers use to drop the repeat. The same graph runs on a local MiniCluster
 * ({@code strata up}) and on a Flink cluster.
 */
public final class DriftJob {

  /** The job's name, in Flink's UI and logs. */
  public static final String NAME = "strata-drift-monitor";

  private DriftJob() {}

  /**
   * The Flink configuration of a run: checkpoints every interval under {@code checkpointDirectory}, kept when the job
   * is cancelled, and, when one exists there, a restore from the newest completed checkpoint.
   */
  public static Configuration configuration(DriftSettings settings) {
    var config = new Configuration();
    config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDirectory().toUri().toString());
    config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    config.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
    latestCheckpoint(settings.checkpointDirectory())
        .ifPresent(checkpoint -> config.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toString()));
    return config;
  }

  /** The newest {@code chk-N} holding a {@code _metadata} file under {@code directory} (any job's), if any. */
  public static Optional<Path> latestCheckpoint(Path directory) {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(directory, 3)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparingLong(p -> p.toFile().lastModified()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot list the checkpoints in " + directory, e);
    }
  }

  /** Adds the job to {@code env}. */
  public static void build(StreamExecutionEnvironment env, DriftSettings settings, String producer) {
    env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    var topics = settings.topics();
    DataStream<Observation> predictions = env.fromSource(source(settings, topics.predictions(),
            WireFormatDecoder.Source.PREDICTIONS), watermarks(settings), "predictions")
        .uid("predictions-source");
    DataStream<Observation> profiles = env.fromSource(source(settings, topics.models(),
            WireFormatDecoder.Source.MODELS), watermarks(settings), "models")
        .uid("models-source");
    SingleOutputStreamOperator<WindowReport> reports = predictions.union(profiles)
        .keyBy(o -> o.key)
        .process(new DriftWindows(settings.window().toMillis(), settings.bands()))
        .uid("drift-windows").name("drift-windows");
    reports.sinkTo(KafkaSink.<WindowReport>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setRecordSerializer(new DriftReportSerializer(topics.driftReports(), settings.schemaRegistryUrl(),
                producer))
            // Not EXACTLY_ONCE: the connector's transactional producer (5.0.0-2.2) calls Kafka client internals
            // that kafka-clients 4.3 no longer has (NoSuchMethodError on TransactionalRequestResult.await() at the
            // first checkpoint). At least once, with an eventId fixed by key and window, is what runs instead.
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .build())
        .uid("drift-reports-sink").name("drift-reports");
    reports.getSideOutput(DriftWindows.DEAD_LETTERS).sinkTo(KafkaSink.<Observation>builder()
            .setBootstrapServers(settings.bootstrapServers())
            .setRecordSerializer(new DeadLetterSerializer(topics.deadLetters()))
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .build())
        .uid("dead-letters-sink").name("dead-letters");
  }

  private static KafkaSource<Observation> source(DriftSettings settings, String topic,
      WireFormatDecoder.Source kind) {
    return KafkaSource.<Observation>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setTopics(topic)
        .setGroupId(settings.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setProperty("isolation.level", "read_committed")
        .setProperty("partition.discovery.interval.ms", "60000")
        .setDeserializer(new WireFormatDecoder(kind, settings.schemaRegistryUrl()))
        .build();
  }

  private static WatermarkStrategy<Observation> watermarks(DriftSettings settings) {
    return WatermarkStrategy.<Observation>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner((o, previous) -> o.timestamp)
        .withIdleness(settings.outOfOrderness().plusSeconds(1));
  }
}
