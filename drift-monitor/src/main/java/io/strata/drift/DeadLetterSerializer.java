package io.strata.drift;

import io.strata.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A dead letter of the drift monitor: a poison record's bytes unchanged with where it came from, or (for a late
 * prediction or a window without a profile) the key and the reason; always with {@link DeadLetterHeaders}.
 */
final class DeadLetterSerializer implements KafkaRecordSerializationSchema<Observation> {

  private static final long serialVersionUID = 1L;
  static final String PROCESSOR = "drift-monitor";

  private final String topic;

  DeadLetterSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(Observation o, KafkaSinkContext context, Long timestamp) {
    byte[] key = o.rawKey != null ? o.rawKey : o.key == null ? null : o.key.getBytes(StandardCharsets.UTF_8);
    byte[] value = o.rawValue != null ? o.rawValue : o.reason.getBytes(StandardCharsets.UTF_8);
    var record = new ProducerRecord<>(topic, key, value);
    if (o.sourceTopic != null) {
      record.headers().add(DeadLetterHeaders.SOURCE_TOPIC, utf8(o.sourceTopic));
      record.headers().add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(o.sourcePartition)));
      record.headers().add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(o.sourceOffset)));
    }
    record.headers().add(DeadLetterHeaders.PROCESSOR, utf8(PROCESSOR));
    record.headers().add(DeadLetterHeaders.REASON, utf8(o.reason));
    return record;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
