package io.strata.schemas.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.SampleEvent;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.serde.GenericAvroDeserializer;
import io.strata.schemas.serde.GenericAvroSerializer;
import io.strata.schemas.serde.SpecificAvroDeserializer;
import io.strata.schemas.serde.SpecificAvroSerializer;
import io.strata.schemas.testing.Events;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroConverterTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroConverter converter = new AvroConverter(registry);

  @BeforeEach
  void configure() {
    converter.configure(Map.of("schema.registry.url", "http://unused:8081"), false);
  }

  @Test
  void shouldGiveSinksAStructOfAnEventWrittenByTheSerializer() {
    SampleEvent event = Events.uploaded();
    byte[] bytes = new SpecificAvroSerializer<SampleEvent>(registry).serialize("samples", event);

    SchemaAndValue data = converter.toConnectData("samples", bytes);
    Struct struct = (Struct) data.value();

    assertThat(data.schema().name()).isEqualTo("io.strata.events.SampleEvent");
    assertThat(struct.get("tenantId")).isEqualTo("acme");
    assertThat(struct.get("occurredAt")).isEqualTo(java.util.Date.from(event.getOccurredAt()));
    assertThat(struct.get("kind")).isEqualTo("UPLOADED");
    assertThat(struct.getStruct("uploaded").get("width")).isEqualTo(1024);
    assertThat(struct.getStruct("uploaded").getArray("tags")).containsExactly("cat", "outdoor");
    assertThat(struct.get("quality")).isNull();
  }

  @Test
  void shouldWriteTheSameBytesUnderTheSameIdWhenASourceSendsTheStructBack() {
    byte[] bytes = new SpecificAvroSerializer<SampleEvent>(registry).serialize("samples", Events.assessed());
    SchemaAndValue data = converter.toConnectData("samples", bytes);

    byte[] again = converter.fromConnectData("samples", data.schema(), data.value());

    assertThat(again).isEqualTo(bytes);
    assertThat(registry.versions("samples-value")).hasSize(1);
    assertThat(new SpecificAvroDeserializer<>(registry, SampleEvent.class).deserialize("samples", again))
        .isEqualTo(Events.assessed());
  }

  @Test
  void shouldRoundTripEveryLogicalTypeEnumAndNestedStructureThroughTheWire() {
    byte[] bytes = new GenericAvroSerializer(registry).serialize("everything", AvroDataTest.everything());
    SchemaAndValue data = converter.toConnectData("everything", bytes);

    byte[] again = converter.fromConnectData("everything", data.schema(), data.value());

    assertThat(again).isEqualTo(bytes);
    assertThat(converter.toConnectData("everything", again)).isEqualTo(data);
  }

  @Test
  void shouldRegisterASourceConnectorsSchemaUnderTheTopicsValueSubject() {
    Schema schema = SchemaBuilder.struct().name("com.example.Reading")
        .field("sensor", Schema.STRING_SCHEMA)
        .field("values", SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build())
        .field("note", Schema.OPTIONAL_STRING_SCHEMA)
        .build();
    Struct reading = new Struct(schema).put("sensor", "t-1").put("values", List.of(1.5, 2.5));

    byte[] bytes = converter.fromConnectData("readings", schema, reading);
    GenericRecord read = new GenericAvroDeserializer(registry).deserialize("readings", bytes);

    assertThat(registry.subjects()).containsExactly("readings-value");
    assertThat(read.getSchema().getFullName()).isEqualTo("com.example.Reading");
    assertThat(read.get("sensor").toString()).isEqualTo("t-1");
    assertThat(read.get("values")).asList().containsExactly(1.5, 2.5);
    assertThat(read.get("note")).isNull();
  }

  @Test
  void shouldMapTombstonesToNullBothWays() {
    assertThat(converter.toConnectData("samples", null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter.fromConnectData("samples", Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
  }

  @Test
  void shouldFailWithTheSerdesPreciseMessageAsADataException() {
    assertThatThrownBy(() -> converter.toConnectData("samples", new byte[] {'{', '}', 0, 0, 0}))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic 'samples'")
        .hasMessageContaining("not the magic byte 0x00");
    assertThatThrownBy(() -> converter.fromConnectData("samples", null, "schemaless"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("needs Connect schemas");
  }

  @Test
  void shouldRegisterKeysUnderTheKeySubject() {
    var keys = new AvroConverter(registry);
    keys.configure(Map.of("schema.registry.url", "http://unused:8081"), true);

    byte[] bytes = keys.fromConnectData("samples", Schema.STRING_SCHEMA, "sample-1");

    assertThat(registry.subjects()).containsExactly("samples-key");
    assertThat(keys.toConnectData("samples", bytes)).isEqualTo(new SchemaAndValue(Schema.STRING_SCHEMA, "sample-1"));
  }
}
