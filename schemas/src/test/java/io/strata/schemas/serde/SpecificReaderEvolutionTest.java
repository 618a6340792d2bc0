package io.strata.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.testing.Events;
import io.strata.schemas.testing.Point;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class SpecificReaderEvolutionTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldFillAFieldAddedWithADefaultWhenReadingRecordsOfTheOlderSchema() {
    GenericRecord v1 = new GenericData.Record(Point.V1);
    v1.put("x", 4);
    v1.put("label", "old");
    byte[] bytes = new GenericAvroSerializer(registry).serialize("points", v1);

    Point read = new SpecificAvroDeserializer<>(registry, Point.class).deserialize("points", bytes);

    assertThat(read.x()).isEqualTo(4);
    assertThat(read.label()).isEqualTo("old");
    assertThat(read.color()).isEqualTo("red");
  }

  @Test
  void shouldReadAnEnumSymbolAddedLaterAsTheEnumsDefault() {
    Schema next = new Schema.Parser().parse(SampleEvent.SCHEMA$.toString()
        .replace("\"DELETED\",\"UNKNOWN\"", "\"DELETED\",\"UNKNOWN\",\"ARCHIVED\""));
    GenericRecord archived = Events.generic(Events.uploaded());
    GenericRecord written = new GenericData.Record(next);
    next.getFields().forEach(f -> written.put(f.name(), archived.get(f.name())));
    written.put("uploaded", null);
    written.put("kind", new GenericData.EnumSymbol(next.getField("kind").schema(), "ARCHIVED"));
    byte[] bytes = new GenericAvroSerializer(registry).serialize("samples", written);

    SampleEvent read = new SpecificAvroDeserializer<>(registry, SampleEvent.class).deserialize("samples", bytes);

    assertThat(read.getKind()).isEqualTo(SampleEventKind.UNKNOWN);
    assertThat(read.getSampleId()).isEqualTo(Events.uploaded().getSampleId());
  }

  @Test
  void shouldNameTheTopicIdAndMissingFieldWhenTheWriterCannotBeReadIntoTheClass() {
    Schema incompatible = new Schema.Parser().parse("""
        {"type":"record","name":"Point","namespace":"io.strata.schemas.testing","fields":[
          {"name":"x","type":"string"}]}""");
    GenericRecord record = new GenericData.Record(incompatible);
    record.put("x", "not a number");
    byte[] bytes = new GenericAvroSerializer(registry).serialize("points", record);
    int id = registry.lookup("points-value", incompatible);

    assertThatThrownBy(() -> new SpecificAvroDeserializer<>(registry, Point.class).deserialize("points", bytes))
        .isInstanceOfSatisfying(AvroSerdeException.class, e -> {
          assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.INCOMPATIBLE_SCHEMA);
          assertThat(e.schemaId()).hasValue(id);
        })
        .hasMessageContaining("topic 'points' with schema id " + id)
        .hasMessageContaining("into io.strata.schemas.testing.Point")
        .hasMessageContaining("/fields/0/type")
        .hasMessageContaining("label");
  }
}
