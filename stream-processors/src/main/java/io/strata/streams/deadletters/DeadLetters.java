package io.strata.streams.deadletters;

import io.strata.schemas.topics.DeadLetterHeaders;
import io.strata.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialized or processed to the {@code dead-letters} topic, with its original
 * key and value bytes and headers saying where it came from and why, then goes on with the next record. Under
 * {@code exactly_once_v2} the dead letter is written in the same transaction as the input offset, so a record
 * is never both lost and skipped.
 *
 * <p>Configure it as both {@code deserialization.exception.handler} and {@code processing.exception.handler};
 * {@value #TOPIC_CONFIG} overrides the topic (tests), {@code application.id} names the processor.
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

  /** The dead-letter topic; the catalog's {@code dead-letters} by default. */
  public static final String TOPIC_CONFIG = "strata.dead-letters.topic";
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private String topic = Topics.DEAD_LETTERS.name();
  private String applicationId = "unknown";

  @Override
  public void configure(Map<String, ?> configs) {
    Object configured = configs.get(TOPIC_CONFIG);
    if (configured != null) {
      topic = configured.toString();
    }
    Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    if (id != null) {
      applicationId = id.toString();
    }
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
      ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
      Exception exception) {
    return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, exception)));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, Exception exception) {
    String processor = applicationId + "/" + context.processorNodeId();
    String reason = exception.getClass().getName() + ": " + exception.getMessage();
    log.warn("Record sent to the dead letters: topic={} partition={} offset={} processor={} reason={}",
        context.topic(), context.partition(), context.offset(), processor, reason);
    var headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, bytes(context.topic()));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, bytes(Integer.toString(context.partition())));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, bytes(Long.toString(context.offset())));
    headers.add(DeadLetterHeaders.PROCESSOR, bytes(processor));
    headers.add(DeadLetterHeaders.REASON, bytes(reason));
    return new ProducerRecord<>(topic, null, context.sourceRawKey(), context.sourceRawValue(), headers);
  }

  private static byte[] bytes(String text) {
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }
}
