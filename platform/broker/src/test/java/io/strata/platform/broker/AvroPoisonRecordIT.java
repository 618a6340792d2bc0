package io.strata.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.serde.AvroSerdeException;
import io.strata.schemas.serde.SpecificAvroDeserializer;
import io.strata.schemas.serde.SpecificAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A record that is not in the Avro wire format, met by a real consumer on the real broker. */
class AvroPoisonRecordIT {

  @Test
  void shouldReportTopicPartitionAndOffsetOfARecordThatIsNotInTheWireFormat() throws Exception {
    var kafka = EmbeddedKafka.shared();
    String topic = TestTopics.unique("poison");
    kafka.createTopic(topic, 1);
    var registry = new InMemorySchemaRegistryClient();
    var serializer = new SpecificAvroSerializer<SampleEvent>(registry);
    try (var producer = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "s-1", serializer.serialize(topic, event("s-1")))).get();
      producer.send(new ProducerRecord<>(topic, "s-2", "{\"sampleId\":\"s-2\"}".getBytes(StandardCharsets.UTF_8))).get();
      producer.send(new ProducerRecord<>(topic, "s-3", serializer.serialize(topic, event("s-3")))).get();
    }
    var properties = new HashMap<>(kafka.clientProperties());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    var read = new ArrayList<String>();
    var failure = new AtomicReference<RecordDeserializationException>();

    try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
        new SpecificAvroDeserializer<>(registry, SampleEvent.class))) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        try {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value().getSampleId()));
          return false;
        } catch (RecordDeserializationException e) {
          failure.set(e);
          return true;
        }
      });

      RecordDeserializationException e = failure.get();
      assertThat(e.topicPartition()).isEqualTo(new TopicPartition(topic, 0));
      assertThat(e.offset()).isEqualTo(1);
      assertThat(e.origin()).isEqualTo(RecordDeserializationException.DeserializationExceptionOrigin.VALUE);
      assertThat(StandardCharsets.UTF_8.decode(e.valueBuffer()).toString()).isEqualTo("{\"sampleId\":\"s-2\"}");
      assertThat(e).hasMessageContaining(topic + "-0").hasMessageContaining("offset 1");
      assertThat(e.getCause())
          .isInstanceOfSatisfying(AvroSerdeException.class,
              cause -> assertThat(cause.reason()).isEqualTo(AvroSerdeException.Reason.NOT_WIRE_FORMAT))
          .hasMessageContaining("topic '" + topic + "'")
          .hasMessageContaining("first byte is 0x7b");
      assertThat(read).containsExactly("s-1");

      // A dead-letter handler would copy the bytes away here; then the consumer skips the record and goes on.
      consumer.seek(e.topicPartition(), e.offset() + 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value().getSampleId()));
        return read.size() == 2;
      });
      assertThat(read).containsExactly("s-1", "s-3");
    }
  }

  private static SampleEvent event(String sampleId) {
    return SampleEvent.newBuilder()
        .setEventId("e-" + sampleId)
        .setTenantId("acme")
        .setOccurredAt(Instant.parse("2026-11-03T10:00:00Z"))
        .setProducer("poison-it")
        .setSampleId(sampleId)
        .setKind(SampleEventKind.DELETED)
        .setDeletionReason("test")
        .build();
  }
}
