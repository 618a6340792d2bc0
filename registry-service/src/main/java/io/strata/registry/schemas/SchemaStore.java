package io.strata.registry.schemas;

import io.strata.registry.schemas.RegistryLog.Fact;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: the single partition of the schema topic, read from the beginning by a reader
 * thread that folds it ({@link RegistryLog}) and publishes snapshots of the result. A write appends a
 * proposal and waits until the reader has folded it, so the answer is the outcome every instance derives.
 * The reader then writes the decision under the proposal's key (or a tombstone when nothing changed).
 */
final class SchemaStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SchemaStore.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration CONTACT_EVERY = Duration.ofSeconds(2);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final StoreSettings settings;
  private final Clock clock;
  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final TopicPartition partition;
  private final LogCodec codec = new LogCodec();
  private final RegistryLog registryLog;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Thread reader;
  private final Map<String, CompletableFuture<Outcome>> waiters = new ConcurrentHashMap<>();
  private final Set<String> ownRequests = ConcurrentHashMap.newKeySet();
  private final Set<String> settling = ConcurrentHashMap.newKeySet();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);

  private volatile RegistryState view;
  private volatile boolean running = true;
  private volatile String problem = "has not reached Kafka yet";
  private volatile String fatal;
  private volatile long position;
  private volatile long endOffset = -1;
  private boolean assigned;
  private long lastContact;
  private long lastSettle;

  SchemaStore(StoreSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.partition = new TopicPartition(settings.topic(), 0);
    this.registryLog = new RegistryLog(settings.defaultLevel(), codec);
    this.producer = new KafkaProducer<>(StorageTopic.producerConfig(settings, instance), new StringSerializer(), new StringSerializer());
    this.consumer = new KafkaConsumer<>(StorageTopic.consumerConfig(settings, instance), new StringDeserializer(), new StringDeserializer());
    this.reader = new Thread(this::read, "strata-registry-reader-" + instance);
    this.reader.setDaemon(true);
  }

  /** Starts reading the topic; {@link #view()} answers once the reader has caught up with its end. */
  void start() {
    log.info("Starting schema store: instance={} topic={} bootstrapServers={} defaultCompatibility={}",
        instance, settings.topic(), settings.bootstrapServers(), settings.defaultLevel());
    reader.start();
  }

  /** Waits until the reader has folded the topic up to the end it found at start. */
  boolean awaitReady(Duration timeout) {
    try {
      return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The latest folded state, for reading; never blocks.
   *
   * @throws RegistryException 50002 while the reader has not caught up yet, 50001 when it cannot read at all
   */
  RegistryState view() {
    RegistryState current = view;
    if (current != null) {
      return current;
    }
    if (fatal != null) {
      throw new RegistryException(ErrorCode.STORE_ERROR, fatal);
    }
    throw new RegistryException(ErrorCode.OPERATION_TIMEOUT, notReadyMessage());
  }

  /** The latest folded state, or empty while the reader has not caught up yet; never blocks. */
  Optional<RegistryState> viewIfReady() {
    return Optional.ofNullable(view);
  }

  /**
   * The latest folded state, waiting up to the configured timeout for the reader to catch up.
   *
   * @throws RegistryException 50002 when it does not, 50001 when the reader cannot read the topic at all
   */
  RegistryState readyView() {
    awaitView(System.nanoTime() + settings.timeout().toNanos());
    return view;
  }

  /**
   * Appends {@code command} and waits until it is folded, within the configured timeout.
   *
   * @return the outcome every instance derives for it
   * @throws RegistryException 50001 when Kafka refuses the write, 50002 when it is not stored and read back in time
   */
  Outcome submit(Command command) {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    awaitView(deadline);
    String request = UUID.randomUUID().toString();
    var waiter = new CompletableFuture<Outcome>();
    waiters.put(request, waiter);
    ownRequests.add(request);
    RecordMetadata written = null;
    try {
      Future<RecordMetadata> sent = producer.send(
          new ProducerRecord<>(settings.topic(), 0, codec.key(command, request), codec.proposal(command)));
      written = sent.get(remaining(deadline), TimeUnit.NANOSECONDS);
      log.debug("Command written: subject={} request={} offset={}", command.subject(), request, written.offset());
      return waiter.get(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
      throw timedOut(command, written, e);
    } catch (ExecutionException | KafkaException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw timedOut(command, null, cause);
      }
      ownRequests.remove(request);
      throw new RegistryException(ErrorCode.STORE_ERROR, "Cannot store the request for subject '"
          + command.subject() + "' in topic '" + settings.topic() + "' on Kafka at " + settings.bootstrapServers()
          + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(ErrorCode.OPERATION_TIMEOUT, "Interrupted while storing the request for subject '"
          + command.subject() + "'", e);
    } finally {
      waiters.remove(request);
    }
  }

  private RegistryException timedOut(Command command, RecordMetadata written, Throwable cause) {
    return new RegistryException(ErrorCode.OPERATION_TIMEOUT, written == null
        ? "Kafka at " + settings.bootstrapServers() + " did not store the request for subject '" + command.subject()
            + "' in topic '" + settings.topic() + "' within " + settings.timeout() + "; retry, it is idempotent"
        : "The request for subject '" + command.subject() + "' was stored at offset " + written.offset() + " of '"
            + settings.topic() + "' but not read back within " + settings.timeout() + "; retry, it is idempotent",
        cause);
  }

  /** Why the store cannot serve right now, if it cannot: not caught up, Kafka unreachable, a bad topic. */
  Optional<String> problem() {
    if (fatal != null) {
      return Optional.of(fatal);
    }
    if (view == null) {
      return Optional.of(notReadyMessage());
    }
    return Optional.ofNullable(problem);
  }

  /** Where the reader is, for health details. */
  Map<String, Object> details() {
    return Map.of("topic", settings.topic(), "bootstrapServers", settings.bootstrapServers(),
        "position", position, "endOffset", endOffset, "instance", instance);
  }

  @Override
  public void close() {
    running = false;
    closing.countDown();
    consumer.wakeup();
    try {
      reader.join(settings.timeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(settings.timeout());
    var stopped = new RegistryException(ErrorCode.STORE_ERROR, "The schema registry is shutting down");
    waiters.values().forEach(waiter -> waiter.completeExceptionally(stopped));
    log.info("Schema store stopped: instance={} topic={} position={}", instance, settings.topic(), position);
  }

  // ---- reader thread ---------------------------------------------------------------------------------

  private void read() {
    try {
      while (running && fatal == null) {
        try {
          readOnce();
        } catch (WakeupException e) {
          log.debug("Schema store reader woken up to stop: instance={}", instance);
        } catch (KafkaException e) {
          problem = "Cannot read topic '" + settings.topic() + "' from Kafka at " + settings.bootstrapServers() + ": "
              + e.getMessage();
          log.warn("Schema store cannot read, retrying in {}: topic={} error={}", RETRY_AFTER, settings.topic(),
              e.toString());
          pause();
        }
      }
    } catch (RuntimeException e) {
      if (fatal == null) {
        fatal = "The schema log reader stopped: " + e;
      }
      log.error("Schema store reader failed: instance={} topic={}", instance, settings.topic(), e);
    } finally {
      consumer.close(Duration.ofSeconds(1));
    }
  }

  private void readOnce() {
    if (!assigned) {
      try {
        StorageTopic.prepare(settings, instance);
      } catch (IllegalStateException e) {
        fatal = e.getMessage();
        throw e;
      }
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      endOffset = consumer.endOffsets(List.of(partition), settings.timeout()).get(partition);
      assigned = true;
      lastContact = clock.millis();
      problem = null;
      log.info("Reading schema log from the beginning: topic={} endOffset={}", settings.topic(), endOffset);
    }
    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
      registryLog.accept(record.offset(), record.timestamp(), record.key(), record.value());
    }
    position = consumer.position(partition, settings.timeout());
    if (view == null && position < endOffset) {
      return;
    }
    List<Fact> folded = registryLog.fold();
    if (registryLog.takeChanged() || view == null) {
      view = registryLog.state().copy();
    }
    if (ready.getCount() > 0) {
      ready.countDown();
      log.info("Schema registry view ready: topic={} position={} subjects={}", settings.topic(), position,
          view.subjects(true).size());
    }
    for (Fact fact : folded) {
      CompletableFuture<Outcome> waiter = waiters.get(fact.request);
      if (waiter != null) {
        waiter.complete(fact.outcome());
      }
      if (ownRequests.remove(fact.request) && !fact.decided()) {
        settle(fact);
      }
    }
    settleAbandoned();
    keepInTouch();
  }

  /** Writes the records that settle {@code fact}, each command's decision once. */
  private void settle(Fact fact) {
    for (RegistryLog.Write write : registryLog.settlement(fact)) {
      if (write.erasure() || settling.add(write.key())) {
        send(write.key(), write.value());
      }
    }
  }

  /** Decides, for any instance that crashed, the commands it proposed but did not settle. */
  private void settleAbandoned() {
    long now = clock.millis();
    if (now - lastSettle < RETRY_AFTER.toMillis()) {
      return;
    }
    lastSettle = now;
    for (Fact fact : registryLog.undecided(Long.MAX_VALUE)) {
      if (now - fact.timestamp >= settings.settleAfter().toMillis() && !settling.contains(fact.key)) {
        log.info("Settling a command its proposer left undecided: subject={} offset={} request={}",
            fact.command.subject(), fact.offset, fact.request);
        settle(fact);
      }
    }
  }

  private void send(String key, String value) {
    producer.send(new ProducerRecord<>(settings.topic(), 0, key, value), (metadata, error) -> {
      if (error != null) {
        log.warn("Cannot write a decision to the schema log; another instance or a restart will: topic={} key={} "
            + "error={}", settings.topic(), key, error.toString());
      }
    });
  }

  /** Asks Kafka for the end offset now and then, so that health notices an unreachable cluster. */
  private void keepInTouch() {
    long now = clock.millis();
    if (now - lastContact < CONTACT_EVERY.toMillis()) {
      return;
    }
    lastContact = now;
    try {
      endOffset = consumer.endOffsets(List.of(partition), CONTACT_EVERY).get(partition);
      problem = null;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      problem = "Kafka at " + settings.bootstrapServers() + " did not answer within " + CONTACT_EVERY;
      log.warn("Schema store lost contact with Kafka: topic={} bootstrapServers={}", settings.topic(),
          settings.bootstrapServers());
    }
  }

  private void awaitView(long deadline) {
    if (view != null) {
      return;
    }
    if (fatal != null) {
      throw new RegistryException(ErrorCode.STORE_ERROR, fatal);
    }
    if (!awaitReady(Duration.ofNanos(remaining(deadline)))) {
      throw new RegistryException(fatal != null ? ErrorCode.STORE_ERROR : ErrorCode.OPERATION_TIMEOUT,
          fatal != null ? fatal : notReadyMessage());
    }
  }

  private String notReadyMessage() {
    String where = endOffset < 0 ? "" : " (position " + position + " of " + endOffset + ")";
    return "The schema registry has not yet read topic '" + settings.topic() + "' to its end" + where
        + (problem == null ? "" : ": " + problem) + "; retry shortly";
  }

  private void pause() {
    try {
      closing.await(RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
