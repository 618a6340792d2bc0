package io.strata.trainer.service;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure only one trainer launcher runs: the holder is the member of a consumer group that is assigned the
 * only partition of a single-partition topic (sticky assignment keeps it there while the holder lives). A second
 * instance joins, gets nothing, and refuses to start. A crashed holder keeps the lease for the session timeout,
 * which is why a start waits a little longer than that. Nothing is read or committed; the partition stays paused.
 */
final class SingleInstanceLease implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SingleInstanceLease.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final LauncherSettings.LeaseSettings settings;
  private final Runnable onLost;
  private volatile boolean held;
  private volatile boolean closing;
  private Thread keeper;

  /**
   * @param kafka client properties
   * @param settings topic, group and timeouts
   * @param onLost called (on the lease thread) when a held lease is lost, e.g. after a long pause
   */
  SingleInstanceLease(Map<String, Object> kafka, LauncherSettings.LeaseSettings settings, Runnable onLost) {
    this.settings = settings;
    this.onLost = onLost;
    var props = new HashMap<String, Object>(kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, settings.sessionTimeout().toMillis() / 4));
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainer-launcher-lease");
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Waits up to the acquire timeout for the lease.
   *
   * @throws IllegalStateException when another instance holds it
   */
  void acquire() {
    List<org.apache.kafka.common.PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(30));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      consumer.close(Duration.ofSeconds(1));
      throw new IllegalStateException("Cannot reach Kafka to take the single-instance lease on topic '"
          + settings.topic() + "' within 30 s; check " + LauncherSettings.BOOTSTRAP_SERVERS, e);
    }
    if (partitions == null || partitions.size() != 1) {
      consumer.close(Duration.ofSeconds(1));
      throw new IllegalStateException("The lease topic '" + settings.topic() + "' must exist with exactly one "
          + "partition, found " + (partitions == null ? 0 : partitions.size()) + "; strata up provisions it");
    }
    consumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        consumer.pause(partitions);
        if (!consumer.assignment().isEmpty()) {
          held = true;
        }
      }

      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        lost(partitions);
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        lost(partitions);
      }
    });
    long deadline = System.nanoTime() + settings.acquireTimeout().toNanos();
    while (!held && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200));
    }
    if (!held) {
      boolean joined = !consumer.groupMetadata().memberId().isEmpty();
      consumer.close(Duration.ofSeconds(5));
      if (!joined) {
        throw new IllegalStateException("Could not join consumer group '" + settings.group() + "' for the "
            + "single-instance lease within " + settings.acquireTimeout().toSeconds() + " s; is Kafka's group "
            + "coordinator available? Retry the start");
      }
      throw new IllegalStateException("Another trainer launcher holds the single-instance lease (consumer group '"
          + settings.group() + "' on topic '" + settings.topic() + "'); only one trainer launcher may run. Stop the "
          + "other one (kafka-consumer-groups --describe --group " + settings.group() + " shows where it runs) or, "
          + "if it crashed, start again after " + settings.sessionTimeout().toSeconds() + " s");
    }
    log.info("Single-instance lease acquired group={} topic={}", settings.group(), settings.topic());
    keeper = new Thread(this::keep, "trainer-launcher-lease");
    keeper.setDaemon(true);
    keeper.start();
  }

  private void lost(Collection<TopicPartition> partitions) {
    if (held && !partitions.isEmpty() && !closing) {
      held = false;
      log.error("Single-instance lease lost group={}; this trainer launcher stops launching", settings.group());
      onLost.run();
    }
  }

  private void keep() {
    try {
      while (!closing) {
        consumer.poll(Duration.ofMillis(500));
      }
    } catch (WakeupException e) {
      // close() asked the thread to stop.
    } catch (RuntimeException e) {
      log.error("Single-instance lease thread failed: {}", e.toString(), e);
      if (!closing) {
        held = false;
        onLost.run();
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** True while this instance holds the lease. */
  boolean held() {
    return held;
  }

  /** Leaves the group at once, so that the next start does not wait for the session timeout. */
  @Override
  public void close() {
    closing = true;
    if (keeper != null) {
      consumer.wakeup();
      try {
        keeper.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
