package io.strata.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.testing.Point;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The exact bytes, worked out by hand from the Confluent wire format and Avro's binary encoding. */
class WireFormatTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldWriteMagicByteBigEndianSchemaIdAndAvroBinaryForAGenericRecord() {
    registry.register("points-value", Point.V1, 7);
    GenericRecord point = new GenericData.Record(Point.V1);
    point.put("x", 1);
    point.put("label", "hi");

    byte[] bytes = new GenericAvroSerializer(registry).serialize("points", point);

    assertThat(bytes).containsExactly(
        0x00,                   // magic byte
        0x00, 0x00, 0x00, 0x07, // schema id 7, big-endian
        0x02,                   // x = 1, zig-zag varint
        0x04, 'h', 'i');        // label: length 2 (zig-zag 4), then UTF-8
  }

  @Test
  void shouldWriteTheSameLayoutForAGeneratedClassWithAFourByteId() {
    registry.register("points-value", Point.SCHEMA$, 0x01020304);

    byte[] bytes = new SpecificAvroSerializer<Point>(registry).serialize("points", new Point(-2, "", "red"));

    assertThat(bytes).containsExactly(
        0x00,
        0x01, 0x02, 0x03, 0x04,
        0x03,                   // x = -2, zig-zag 3
        0x00,                   // label: empty string
        0x06, 'r', 'e', 'd');   // color: length 3
  }

  @Test
  void shouldRegisterTheSchemaTextConfluentsSerializerRegisters() {
    new SpecificAvroSerializer<Point>(registry).serialize("points", new Point(1, "a", "b"));

    assertThat(registry.latest("points-value").schema().toString()).isEqualTo(Point.SCHEMA$.toString());
  }

  @Test
  void shouldKeepTombstonesNull() {
    registry.register("points-value", Point.SCHEMA$);

    assertThat(new SpecificAvroSerializer<Point>(registry).serialize("points", null)).isNull();
    assertThat(new SpecificAvroDeserializer<>(registry, Point.class).deserialize("points", null)).isNull();
    assertThat(new GenericAvroSerializer(registry).serialize("points", null)).isNull();
    assertThat(new GenericAvroDeserializer(registry).deserialize("points", null)).isNull();
  }
}
