package io.strata.lakehouse.sink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the Iceberg sink's control topic before the connector starts: creates it when missing (brokers of a
 * Strata deployment do not auto-create topics), and gives the commit coordinator's consumer group a starting
 * offset when it has none.
 *
 * <p>Why the starting offset: the coordinator reads the control topic with {@code auto.offset.reset=latest} and
 * commits its offsets only after an Iceberg commit. A worker that reports written files (and, in the same Kafka
 * transaction, commits its source offsets) and is killed before the coordinator's first commit would leave the
 * restarted coordinator starting at the end of the control topic, past those reports: their rows would be lost.
 * Committing the topic's start offset for a group that has none makes the coordinator re-read every report
 * instead; reports already in a table are skipped by the sink, which keeps the control-topic offsets of each
 * commit in the snapshot.
 */
final class ControlTopic {

  private static final Logger log = LoggerFactory.getLogger(ControlTopic.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Reports are read within seconds; a week covers any outage a restart should recover from. */
  private static final Duration RETENTION = Duration.ofDays(7);

  private ControlTopic() {}

  static void prepare(Admin admin, String topic, String coordinatorGroup) {
    create(admin, topic);
    seedCoordinatorOffsets(admin, topic, coordinatorGroup);
  }

  private static void create(Admin admin, String topic) {
    try {
      if (admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic)) {
        return;
      }
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(Map.of(
              "cleanup.policy", "delete", "retention.ms", Long.toString(RETENTION.toMillis())))))
          .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      log.info("Created the lakehouse sink's control topic topic={}", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Cannot create the lakehouse sink's control topic '" + topic + "': "
            + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException | TimeoutException e) {
      throw failure("create the control topic '" + topic + "'", e);
    }
  }

  /**
   * Retries while the broker does not know the new topic's partition yet (metadata propagates after the create
   * returns), up to {@link #TIMEOUT}.
   */
  private static void seedCoordinatorOffsets(Admin admin, String topic, String group) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        seedOnce(admin, topic, group);
        return;
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        log.debug("Control topic not ready yet, retrying topic={} reason={}", topic, e.getCause().toString());
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          throw failure("seed the coordinator offset on '" + topic + "'", interrupted);
        }
      }
    }
  }

  private static void seedOnce(Admin admin, String topic, String group) {
    TopicPartition partition = new TopicPartition(topic, 0);
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (committed.get(partition) != null) {
        return;
      }
      ListOffsetsResultInfo earliest = admin.listOffsets(Map.of(partition, OffsetSpec.earliest()))
          .partitionResult(partition).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(earliest.offset())))
          .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      log.info("Seeded the commit coordinator's offset group={} topic={} offset={}", group, topic, earliest.offset());
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot seed the commit coordinator's offset on '" + topic + "' for group '"
          + group + "': " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw failure("seed the coordinator offset on '" + topic + "'", e);
    }
  }

  private static IllegalStateException failure(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new IllegalStateException("Cannot " + what + " within " + TIMEOUT.toSeconds() + " s: " + e, e);
  }
}
