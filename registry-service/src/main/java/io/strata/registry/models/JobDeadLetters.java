package io.strata.registry.models;

import io.strata.events.TrainingJobEvent;
import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SUCCEEDED event of a job that cannot be published to {@code dead-letters}, with the reason. The view
 * does not keep offsets, so the partition and offset headers are {@code -1}; the key is the jobId.
 */
final class JobDeadLetters implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobDeadLetters.class);
  static final String PROCESSOR = "model-auto-publisher";

  private final Map<String, Object> kafka;
  private final String jobsTopic;
  private final String deadLettersTopic;
  private final Serializer<TrainingJobEvent> serializer;
  private KafkaProducer<byte[], byte[]> producer;

  JobDeadLetters(Map<String, Object> kafka, String jobsTopic, String deadLettersTopic,
      Serializer<TrainingJobEvent> serializer) {
    this.kafka = Map.copyOf(kafka);
    this.jobsTopic = jobsTopic;
    this.deadLettersTopic = deadLettersTopic;
    this.serializer = serializer;
  }

  synchronized void send(JobState job, String reason) {
    if (producer == null) {
      var props = new HashMap<String, Object>(kafka);
      props.put("acks", "all");
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    var letter = new ProducerRecord<>(deadLettersTopic, null, job.jobId().getBytes(StandardCharsets.UTF_8),
        serializer.serialize(jobsTopic, job.succeeded()));
    letter.headers()
        .add(DeadLetterHeaders.SOURCE_TOPIC, utf8(jobsTopic))
        .add(DeadLetterHeaders.SOURCE_PARTITION, utf8("-1"))
        .add(DeadLetterHeaders.SOURCE_OFFSET, utf8("-1"))
        .add(DeadLetterHeaders.PROCESSOR, utf8(PROCESSOR))
        .add(DeadLetterHeaders.REASON, utf8(reason));
    try {
      producer.send(letter).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      log.error("Cannot store a dead letter jobId={} topic={} reason={}: {}", job.jobId(), deadLettersTopic, reason,
          e.toString());
    }
  }

  static String defaultTopic() {
    return Topics.DEAD_LETTERS.name();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    serializer.close();
  }
}
