package io.strata.trainer.trainers;

import io.strata.events.TrainerEvent;
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

/** Appends {@code trainers} events keyed {@code tenantId/name} ({@code acks=all}, idempotent) and waits for each. */
public final class TrainerAppender implements AutoCloseable {

  /** Kafka did not store the event in time. */
  public static final class UnavailableException extends RuntimeException {
    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaProducer<String, TrainerEvent> producer;
  private final String topic;
  private final Duration timeout;

  public TrainerAppender(Map<String, Object> kafka, String topic, Serializer<TrainerEvent> serializer,
      Duration timeout) {
    var props = new HashMap<String, Object>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "trainer-launcher-trainers");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
    this.topic = topic;
    this.timeout = timeout;
  }

  /** Appends {@code event} and returns where it was stored. */
  public RecordMetadata append(TrainerEvent event) {
    String key = TrainerRules.key(event.getTenantId(), event.getName());
    try {
      return producer.send(new ProducerRecord<>(topic, key, event)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("Interrupted while storing trainer '" + key + "'", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new UnavailableException("Cannot store a " + event.getKind() + " event of trainer '" + key
          + "' in topic '" + topic + "': " + cause + "; check that Kafka is reachable and retry", cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
