package io.strata.registry.controlplane;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Appends a control-plane event with the idempotent producer and returns once the view that answers reads has
 * applied it (read-your-writes). Kafka being unreachable is a 503 that says so; the caller may retry.
 *
 * @param <V> the event type
 */
public final class EventWriter<V> implements AutoCloseable {

  private final Producer<String, V> producer;
  private final String topic;
  private final BiConsumer<RecordMetadata, Duration> awaitApplied;
  private final Duration timeout;

  public EventWriter(Producer<String, V> producer, String topic, BiConsumer<RecordMetadata, Duration> awaitApplied,
      Duration timeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.awaitApplied = Objects.requireNonNull(awaitApplied, "awaitApplied");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Appends {@code event} under {@code key} and waits until the view has applied it. */
  public RecordMetadata append(String key, V event) {
    RecordMetadata written;
    try {
      written = producer.send(new ProducerRecord<>(topic, key, event)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("the request was interrupted");
    } catch (ExecutionException e) {
      throw unavailable(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw unavailable("no acknowledgement within " + timeout);
    }
    try {
      awaitApplied.accept(written, timeout);
    } catch (RuntimeException e) {
      throw unavailable("the change was stored at " + topic + "-" + written.partition() + "@" + written.offset()
          + " but not read back: " + e.getMessage());
    }
    return written;
  }

  private ApiError unavailable(String why) {
    return new ApiError(503, "STORE_UNAVAILABLE", "Cannot store the change in topic '" + topic + "': " + why
        + "; check that Kafka is reachable and retry");
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
