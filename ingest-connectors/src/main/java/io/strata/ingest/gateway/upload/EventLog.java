package io.strata.ingest.gateway.upload;

import io.strata.events.IngestRejection;
import io.strata.events.LabelEvent;
import io.strata.events.SampleEvent;
import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.strata.observability.metrics.ComponentMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the gateway appends its events: one idempotent producer ({@code acks=all}) for the samples, labels,
 * rejections and dead-letter topics. Every append returns only once the broker has acknowledged it, so that
 * an HTTP answer never promises an event that could still be lost.
 */
public final class EventLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventLog.class);

  /** The topics written to. */
  public record EventTopics(String samples, String labels, String rejections, String deadLetters) {
    public EventTopics {
      Objects.requireNonNull(samples, "samples");
      Objects.requireNonNull(labels, "labels");
      Objects.requireNonNull(rejections, "rejections");
      Objects.requireNonNull(deadLetters, "deadLetters");
    }

    /** The catalog's topics. */
    public static EventTopics catalog() {
      return new EventTopics(Topics.SAMPLES.name(), Topics.LABELS.name(), Topics.INGEST_REJECTIONS.name(),
          Topics.DEAD_LETTERS.name());
    }
  }

  private final KafkaProducer<String, byte[]> producer;
  private final EventTopics topics;
  private final Serializer<SampleEvent> samples;
  private final Serializer<LabelEvent> labels;
  private final Serializer<IngestRejection> rejections;
  private final Duration timeout;

  /**
   * @param kafka client properties
   * @param serdeConfigs the Avro serde settings ({@code schema.registry.url})
   * @param topics where each kind of event goes
   * @param timeout how long an append may wait for its acknowledgement
   */
  public EventLog(Map<String, Object> kafka, Map<String, ?> serdeConfigs, EventTopics topics, Duration timeout) {
    this.topics = Objects.requireNonNull(topics, "topics");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.samples = Topics.SAMPLES.valueSerde(serdeConfigs).serializer();
    this.labels = Topics.LABELS.valueSerde(serdeConfigs).serializer();
    this.rejections = Topics.INGEST_REJECTIONS.valueSerde(serdeConfigs).serializer();
    var props = new HashMap<String, Object>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-gateway");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Appends a sample event keyed by its sample id and waits for the acknowledgement. */
  public RecordMetadata append(SampleEvent event) throws EventLogException {
    return send(topics.samples(), event.getSampleId(), samples.serialize(topics.samples(), event));
  }

  /** Appends a label event keyed by its sample id and waits for the acknowledgement. */
  public RecordMetadata append(LabelEvent event) throws EventLogException {
    return send(topics.labels(), event.getSampleId(), labels.serialize(topics.labels(), event));
  }

  /**
   * Appends label events keyed by their sample ids, all sent before waiting, and waits for every acknowledgement.
   * Events of one sample keep their order (one partition, idempotent producer).
   *
   * @return the written records, in the order of {@code events}
   */
  public java.util.List<RecordMetadata> appendAll(java.util.List<LabelEvent> events) throws EventLogException {
    var sent = new java.util.ArrayList<java.util.concurrent.Future<RecordMetadata>>(events.size());
    for (LabelEvent event : events) {
      sent.add(producer.send(new ProducerRecord<>(topics.labels(), event.getSampleId(),
          labels.serialize(topics.labels(), event))));
    }
    var written = new java.util.ArrayList<RecordMetadata>(events.size());
    long deadline = System.nanoTime() + timeout.toNanos();
    for (var future : sent) {
      written.add(await(topics.labels(), future, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
    return written;
  }

  /** Appends a rejection keyed by its request id and waits for the acknowledgement. */
  public RecordMetadata append(IngestRejection event) throws EventLogException {
    return send(topics.rejections(), event.getRequestId(), rejections.serialize(topics.rejections(), event));
  }

  /** Copies a record that does not decode to the dead-letter topic, with the reason, and waits. */
  public void deadLetter(ConsumerRecord<byte[], byte[]> record, String processor, String reason) {
    log.error("Poison record sent to dead letters processor={} topic={} partition={} offset={} reason={}",
        processor, record.topic(), record.partition(), record.offset(), reason);
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    var letter = new ProducerRecord<>(topics.deadLetters(), null, key, record.value());
    letter.headers()
        .add(DeadLetterHeaders.SOURCE_TOPIC, utf8(record.topic()))
        .add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())))
        .add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())))
        .add(DeadLetterHeaders.PROCESSOR, utf8(processor))
        .add(DeadLetterHeaders.REASON, utf8(reason));
    try {
      producer.send(letter).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while storing a dead letter from " + record.topic(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot store the poison record " + record.topic() + "-" + record.partition()
          + "@" + record.offset() + " in " + topics.deadLetters() + ": " + e, e);
    }
  }

  private RecordMetadata send(String topic, String key, byte[] value) throws EventLogException {
    return await(topic, producer.send(new ProducerRecord<>(topic, key, value)), timeout.toMillis());
  }

  private RecordMetadata await(String topic, java.util.concurrent.Future<RecordMetadata> sent, long waitMillis)
      throws EventLogException {
    try {
      return sent.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventLogException("Interrupted while appending to " + topic, e);
    } catch (ExecutionException e) {
      throw new EventLogException("Cannot append to " + topic + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new EventLogException("No acknowledgement from Kafka for " + topic + " within " + timeout, e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Publishes the producer's metrics (records sent, errors, latency) into {@code metrics}. */
  public void bindMetrics(ComponentMetrics metrics) {
    metrics.bindProducer(producer);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
    samples.close();
    labels.close();
    rejections.close();
  }

  /** An event could not be appended (Kafka unreachable, timed out); the caller answers 503 and may retry. */
  public static final class EventLogException extends Exception {
    EventLogException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
