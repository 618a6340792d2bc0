package io.strata.auth.apps;

import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value per key of a compacted topic, kept in memory by one thread that reads every partition from
 * the beginning (assigned, no consumer group, nothing committed) with short polls. Each value is turned into
 * the state readers need by a projection; a projection answering {@code null}, or a tombstone, removes the key.
 *
 * <p>A record whose value does not deserialize is logged with its topic, partition and offset and copied, bytes
 * unchanged, to {@link Topics#DEAD_LETTERS} with {@link DeadLetterHeaders}; the view goes on. Readers are never
 * blocked: the state is a concurrent map.
 *
 * @param <V> the topic's value type
 * @param <S> the state kept per key
 */
public final class CompactedTopicView<V, S> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CompactedTopicView.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final String processor;
  private final String topic;
  private final Map<String, Object> kafka;
  private final Deserializer<V> deserializer;
  private final BiFunction<String, V, S> projection;
  private final ConcurrentHashMap<String, S> state = new ConcurrentHashMap<>();
  private final Map<Integer, Long> applied = new HashMap<>();
  private final Object progress = new Object();
  private Map<Integer, Long> startEnd;
  private volatile boolean caughtUp;
  private volatile RuntimeException failure;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> deadLetters;
  private Thread thread;

  /**
   * @param processor the component reading it, for logs and the dead-letter header, e.g. {@code apps-view}
   * @param kafka Kafka client properties ({@code bootstrap.servers} and security settings)
   * @param topic the topic to read
   * @param deserializer the value deserializer (owned by the view, closed with it)
   * @param projection from key and value to the state kept; {@code null} removes the key
   */
  public CompactedTopicView(String processor, Map<String, Object> kafka, String topic, Deserializer<V> deserializer,
      BiFunction<String, V, S> projection) {
    this.processor = Objects.requireNonNull(processor, "processor");
    this.kafka = Map.copyOf(kafka);
    this.topic = Objects.requireNonNull(topic, "topic");
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.projection = Objects.requireNonNull(projection, "projection");
  }

  /** Assigns every partition of the topic from the beginning and starts the reading thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("View of topic '" + topic + "' is already started");
    }
    var props = new HashMap<String, Object>(kafka);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, processor + "-" + topic);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.keySet().removeIf(k -> k.startsWith("schema.registry") || k.startsWith("acks") || k.startsWith("enable.idem"));
    var kafkaConsumer = new KafkaConsumer<byte[], byte[]>(props);
    try {
      var partitions = kafkaConsumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("Topic '" + topic + "' does not exist; create it (strata up provisions "
            + "every catalog topic) before starting the " + processor);
      }
      kafkaConsumer.assign(partitions);
      kafkaConsumer.seekToBeginning(partitions);
      var end = new HashMap<Integer, Long>();
      kafkaConsumer.endOffsets(partitions).forEach((tp, offset) -> end.put(tp.partition(), offset));
      startEnd = end;
    } catch (RuntimeException e) {
      kafkaConsumer.close();
      throw e;
    }
    consumer = kafkaConsumer;
    thread = new Thread(this::run, processor + "-" + topic);
    thread.setDaemon(true);
    thread.start();
    log.info("View started processor={} topic={} endOffsets={}", processor, topic, startEnd);
  }

  /** The state of {@code key}, if present. */
  public Optional<S> get(String key) {
    return Optional.ofNullable(state.get(key));
  }

  /** Every state currently held (a weakly consistent live view). */
  public Collection<S> values() {
    return state.values();
  }

  /** True once the view has applied every record that was in the topic when it started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Waits until {@link #caughtUp()}. @throws ViewTimeoutException after {@code timeout} */
  public void awaitCaughtUp(Duration timeout) {
    awaitCondition(this::caughtUp, timeout, () -> "View of topic '" + topic + "' did not catch up with end offsets "
        + startEnd + " within " + timeout + " (applied " + appliedSnapshot() + ")");
  }

  /**
   * Returns once the view has applied the record {@code written} (read-your-writes).
   *
   * @throws ViewTimeoutException if it has not within {@code timeout}, naming the partition and offset
   */
  public void awaitApplied(RecordMetadata written, Duration timeout) {
    if (!topic.equals(written.topic())) {
      throw new IllegalArgumentException("Record was written to topic '" + written.topic() + "', this view reads '"
          + topic + "'");
    }
    awaitCondition(() -> {
      synchronized (progress) {
        return applied.getOrDefault(written.partition(), 0L) > written.offset();
      }
    }, timeout, () -> "View of topic '" + topic + "' did not apply partition " + written.partition() + " offset "
        + written.offset() + " within " + timeout + " (applied up to " + appliedSnapshot() + "); is the broker reachable?");
  }

  private void awaitCondition(java.util.function.BooleanSupplier done, Duration timeout,
      java.util.function.Supplier<String> message) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (!done.getAsBoolean()) {
        if (failure != null) {
          throw new IllegalStateException("View of topic '" + topic + "' stopped: " + failure.getMessage(), failure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new ViewTimeoutException(message.get());
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ViewTimeoutException("Interrupted while waiting: " + message.get());
        }
      }
    }
  }

  private Map<Integer, Long> appliedSnapshot() {
    synchronized (progress) {
      return Map.copyOf(applied);
    }
  }

  private void run() {
    try {
      while (true) {
        var records = consumer.poll(POLL);
        for (var record : records) {
          apply(record);
        }
        synchronized (progress) {
          for (var tp : consumer.assignment()) {
            applied.put(tp.partition(), consumer.position(tp));
          }
          if (!caughtUp && startEnd.entrySet().stream()
              .allMatch(e -> applied.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
            caughtUp = true;
            log.info("View caught up processor={} topic={} keys={}", processor, topic, state.size());
          }
          progress.notifyAll();
        }
      }
    } catch (WakeupException e) {
      // close() asked the thread to stop.
    } catch (RuntimeException e) {
      log.error("View stopped processor={} topic={}: {}", processor, topic, e.toString(), e);
      failure = e;
      synchronized (progress) {
        progress.notifyAll();
      }
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (key == null) {
      deadLetter(record, "record has no key; a compacted topic needs one");
      return;
    }
    if (record.value() == null) {
      state.remove(key);
      return;
    }
    V value;
    try {
      value = deserializer.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      deadLetter(record, e.getClass().getName() + ": " + e.getMessage());
      return;
    }
    S projected = projection.apply(key, value);
    if (projected == null) {
      state.remove(key);
    } else {
      state.put(key, projected);
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    log.error("Poison record sent to dead letters processor={} topic={} partition={} offset={} reason={}",
        processor, record.topic(), record.partition(), record.offset(), reason);
    if (deadLetters == null) {
      var props = new HashMap<String, Object>(kafka);
      props.keySet().removeIf(k -> k.startsWith("schema.registry") || k.startsWith("auto.offset")
          || k.startsWith("group.") || k.startsWith("enable.auto"));
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.CLIENT_ID_CONFIG, processor + "-dead-letters");
      deadLetters = new KafkaProducer<>(props);
    }
    var letter = new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, record.key(), record.value());
    letter.headers()
        .add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()))
        .add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())))
        .add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())))
        .add(DeadLetterHeaders.PROCESSOR, utf8(processor))
        .add(DeadLetterHeaders.REASON, utf8(reason));
    // Waited for: the view's position moves past the record only once its copy is stored.
    try {
      deadLetters.send(letter).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while storing a dead letter from " + record.topic(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Cannot store the poison record " + record.topic() + "-" + record.partition()
          + "@" + record.offset() + " in " + Topics.DEAD_LETTERS.name() + ": " + e.getCause(), e.getCause());
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Stops the reading thread and closes the clients. */
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
    if (deadLetters != null) {
      deadLetters.close(Duration.ofSeconds(5));
    }
    deserializer.close();
  }
}
