package io.strata.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.testing.Point;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeserializationErrorsTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final SpecificAvroDeserializer<Point> specific = new SpecificAvroDeserializer<>(registry, Point.class);
  private final GenericAvroDeserializer generic = new GenericAvroDeserializer(registry);

  @Test
  void shouldRejectBytesWithoutTheMagicByteNamingTopicAndByteFound() {
    byte[] json = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> specific.deserialize("points", json))
        .isInstanceOf(SerializationException.class)
        .isInstanceOfSatisfying(AvroSerdeException.class, e -> {
          assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.NOT_WIRE_FORMAT);
          assertThat(e.topic()).isEqualTo("points");
          assertThat(e.schemaId()).isEmpty();
        })
        .hasMessageContaining("topic 'points'")
        .hasMessageContaining("first byte is 0x7b, not the magic byte 0x00")
        .hasMessageContaining("looks like JSON")
        .hasMessageContaining("dead-letter topic");
    assertThatThrownBy(() -> generic.deserialize("points", new byte[] {1, 0, 0, 0, 1, 2}))
        .hasMessageContaining("first byte is 0x01");
  }

  @Test
  void shouldRejectRecordsShorterThanTheHeader() {
    assertThatThrownBy(() -> generic.deserialize("points", new byte[0]))
        .isInstanceOfSatisfying(AvroSerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.NOT_WIRE_FORMAT))
        .hasMessageContaining("has 0 byte(s), fewer than the 5-byte header");
    assertThatThrownBy(() -> specific.deserialize("points", new byte[] {0, 0, 0}))
        .hasMessageContaining("has 3 byte(s)");
  }

  @Test
  void shouldNameTheUnknownSchemaIdAndTheTopic() {
    assertThatThrownBy(() -> specific.deserialize("points", new byte[] {0, 0, 0, 0x01, 0x00, 2}))
        .isInstanceOfSatisfying(AvroSerdeException.class, e -> {
          assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.UNKNOWN_SCHEMA_ID);
          assertThat(e.schemaId()).hasValue(256);
          assertThat(e.retriable()).isFalse();
        })
        .hasMessageContaining("topic 'points'")
        .hasMessageContaining("schema id 256 is not in the schema registry");
  }

  @Test
  void shouldNameTopicAndSchemaIdWhenThePayloadIsTruncated() {
    byte[] whole = new SpecificAvroSerializer<Point>(registry).serialize("points", new Point(1, "a long label", "red"));
    int id = registry.lookup("points-value", Point.SCHEMA$);
    byte[] truncated = Arrays.copyOf(whole, whole.length - 4);

    assertThatThrownBy(() -> specific.deserialize("points", truncated))
        .isInstanceOfSatisfying(AvroSerdeException.class, e -> {
          assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.CORRUPT_PAYLOAD);
          assertThat(e.schemaId()).hasValue(id);
        })
        .hasMessageContaining("topic 'points' with schema id " + id + " (io.strata.schemas.testing.Point)")
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldRejectGarbageAfterAValidHeader() {
    int id = registry.register("points-value", Point.SCHEMA$);
    byte[] garbage = {0, 0, 0, 0, (byte) id, 2, (byte) 0x9f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1};

    assertThatThrownBy(() -> generic.deserialize("points", garbage))
        .isInstanceOfSatisfying(AvroSerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.CORRUPT_PAYLOAD))
        .hasMessageContaining("schema id " + id);
  }

  @Test
  void shouldRejectBytesLeftAfterTheRecord() {
    byte[] whole = new SpecificAvroSerializer<Point>(registry).serialize("points", new Point(1, "a", "red"));
    byte[] longer = Arrays.copyOf(whole, whole.length + 2);

    assertThatThrownBy(() -> specific.deserialize("points", longer))
        .isInstanceOfSatisfying(AvroSerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.CORRUPT_PAYLOAD))
        .hasMessageContaining("bytes are left after the record");
  }

  @Test
  void shouldNameTheRecordAndFieldWhenARecordBreaksItsOwnSchema() {
    GenericRecord broken = new GenericData.Record(Point.V1);
    broken.put("x", 1);

    assertThatThrownBy(() -> new GenericAvroSerializer(registry).serialize("points", broken))
        .isInstanceOfSatisfying(AvroSerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.INVALID_RECORD))
        .hasMessageContaining("Cannot serialize io.strata.schemas.testing.Point for topic 'points'")
        .hasMessageContaining("label");
  }

  @Test
  void shouldSayWhichClassIsMissingWhenNoGeneratedClassMatchesTheWriter() {
    var unknown = new org.apache.avro.Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Nowhere\",\"namespace\":\"io.strata.none\",\"fields\":[]}");
    byte[] bytes = new GenericAvroSerializer(registry).serialize("nowhere", new GenericData.Record(unknown));

    assertThatThrownBy(() -> new SpecificAvroDeserializer<>(registry, null).deserialize("nowhere", bytes))
        .isInstanceOfSatisfying(AvroSerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.INCOMPATIBLE_SCHEMA))
        .hasMessageContaining("no generated class io.strata.none.Nowhere on the classpath");
  }
}
