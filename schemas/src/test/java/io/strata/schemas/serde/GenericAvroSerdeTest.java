package io.strata.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.SampleEvent;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.testing.Events;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class GenericAvroSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldRoundTripAGenericRecordWithTheWritersSchema() {
    var serde = new GenericAvroSerde(registry);
    GenericRecord record = Events.generic(Events.uploaded());

    GenericRecord read = serde.deserializer().deserialize("samples", serde.serializer().serialize("samples", record));

    assertThat(read.getSchema()).isEqualTo(SampleEvent.SCHEMA$);
    assertThat(read).isEqualTo(record);
    assertThat(read.get("occurredAt")).isEqualTo(Events.uploaded().getOccurredAt().toEpochMilli());
  }

  @Test
  void shouldWriteTheSameBytesAsTheSpecificSerializerForTheSameEvent() {
    SampleEvent event = Events.assessed();

    byte[] specific = new SpecificAvroSerializer<SampleEvent>(registry).serialize("samples", event);
    byte[] generic = new GenericAvroSerializer(registry).serialize("samples", Events.generic(event));

    assertThat(generic).isEqualTo(specific);
  }

  @Test
  void shouldReturnGeneratedClassesWhenSpecificAvroReaderIsOn() {
    var deserializer = new GenericAvroDeserializer(registry);
    deserializer.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
    SampleEvent event = Events.uploaded();

    GenericRecord read = deserializer.deserialize("samples",
        new SpecificAvroSerializer<SampleEvent>(registry).serialize("samples", event));

    assertThat(read).isInstanceOf(SampleEvent.class).isEqualTo(event);
  }
}
