package io.strata.trainer.service;

import io.strata.events.TrainingJobEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends {@code training-jobs} events, keyed by job id, with the idempotent producer ({@code acks=all}), and
 * waits for each acknowledgement so that a job's events are stored in the order they were decided.
 */
final class EventAppender implements AutoCloseable {

  /** Thrown when Kafka did not store an event in time; the API answers 503. */
  static final class UnavailableException extends RuntimeException {
    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaProducer<String, TrainingJobEvent> producer;
  private final String topic;
  private final Duration timeout;

  EventAppender(Map<String, Object> kafka, String topic, Serializer<TrainingJobEvent> serializer, Duration timeout) {
    var props = new HashMap<String, Object>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "trainer-launcher-events");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
    this.topic = topic;
    this.timeout = timeout;
  }

  /** Appends {@code event} and returns where it was stored. */
  RecordMetadata append(TrainingJobEvent event) {
    try {
      return producer.send(new ProducerRecord<>(topic, event.getJobId(), event))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while storing a " + event.getKind() + " event of job '"
          + event.getJobId() + "' in topic '" + topic + "'", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new UnavailableException("Cannot store a " + event.getKind() + " event of job '" + event.getJobId()
          + "' in topic '" + topic + "': " + cause + "; check that Kafka is reachable and retry", cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
