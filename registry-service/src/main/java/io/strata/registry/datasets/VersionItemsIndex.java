package io.strata.registry.datasets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each version's items lie on {@code dataset-version-items}: per key {@code datasetId/version}, its
 * partition and the first and last offset holding it. One thread reads the keys only (values are never
 * deserialized), committed records only, from the beginning; memory is one small entry per version.
 */
final class VersionItemsIndex implements AutoCloseable {

  /**
   * @param partition the partition of the key
   * @param firstOffset the offset of its first item
   * @param lastOffset the offset of its last item seen so far
   */
  record Location(int partition, long firstOffset, long lastOffset) {}

  private static final Logger log = LoggerFactory.getLogger(VersionItemsIndex.class);

  private final String topic;
  private final Map<String, Object> kafka;
  private final ConcurrentHashMap<String, Location> locations = new ConcurrentHashMap<>();
  private final Map<Integer, Long> positions = new HashMap<>();
  private final Object progress = new Object();
  private KafkaConsumer<byte[], byte[]> consumer;
  private Map<Integer, Long> startEnd;
  private volatile RuntimeException failure;
  private Thread thread;

  VersionItemsIndex(Map<String, Object> kafka, String topic) {
    this.kafka = Map.copyOf(kafka);
    this.topic = topic;
  }

  /** Assigns every partition from the beginning and starts reading. */
  synchronized void start() {
    var props = new HashMap<String, Object>(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "dataset-items-index-" + topic);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    consumer = new KafkaConsumer<>(props);
    try {
      var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("Topic '" + topic + "' does not exist; create it (strata up provisions "
            + "every catalog topic) before starting the registry");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = new HashMap<Integer, Long>();
      consumer.endOffsets(partitions).forEach((tp, offset) -> end.put(tp.partition(), offset));
      startEnd = end;
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    thread = new Thread(this::run, "dataset-items-index-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  /** Where the items of {@code key} lie, if any was seen. */
  Optional<Location> location(String key) {
    return Optional.ofNullable(locations.get(key));
  }

  /** Waits until the index has read what the topic held when it started. */
  void awaitCaughtUp(Duration timeout) {
    awaitReached(startEnd, timeout);
  }

  /**
   * Waits until the index has read up to {@code ends} (partition to offset).
   *
   * @throws IllegalStateException after {@code timeout}, or when the reading thread stopped
   */
  void awaitReached(Map<Integer, Long> ends, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (!ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
        if (failure != null) {
          throw new IllegalStateException("The index of topic '" + topic + "' stopped: " + failure.getMessage(),
              failure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("The index of topic '" + topic + "' did not reach " + ends + " within "
              + timeout + " (at " + Map.copyOf(positions) + ")");
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for the index of topic '" + topic + "'", e);
        }
      }
    }
  }

  private void run() {
    try {
      while (true) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          if (record.key() == null) {
            continue;
          }
          String key = new String(record.key(), StandardCharsets.UTF_8);
          locations.merge(key, new Location(record.partition(), record.offset(), record.offset()),
              (known, next) -> new Location(known.partition(), known.firstOffset(), next.lastOffset()));
        }
        synchronized (progress) {
          for (var tp : consumer.assignment()) {
            positions.put(tp.partition(), consumer.position(tp));
          }
          progress.notifyAll();
        }
      }
    } catch (WakeupException e) {
      // close() stops the thread.
    } catch (RuntimeException e) {
      log.error("Dataset items index stopped topic={}: {}", topic, e.toString(), e);
      failure = e;
      synchronized (progress) {
        progress.notifyAll();
      }
    } finally {
      consumer.close();
    }
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      consumer.wakeup();
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }
}
