package io.strata.schemas.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.SampleEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema.Parser;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class AvroDataTest {

  static final org.apache.avro.Schema EVERYTHING = new Parser().parse("""
      {"type":"record","name":"Everything","namespace":"io.strata.test","doc":"Every shape the converter handles.",
       "fields":[
        {"name":"id","type":{"type":"string","logicalType":"uuid"}},
        {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":4},"doc":"EUR"},
        {"name":"total","type":{"type":"fixed","name":"Money","size":8,"logicalType":"decimal","precision":18,"scale":2}},
        {"name":"day","type":{"type":"int","logicalType":"date"}},
        {"name":"timeOfDay","type":{"type":"int","logicalType":"time-millis"}},
        {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
        {"name":"atMicros","type":{"type":"long","logicalType":"timestamp-micros"}},
        {"name":"kind","type":{"type":"enum","name":"Kind","doc":"What it is.","symbols":["A","B","UNKNOWN"],
          "default":"UNKNOWN"}},
        {"name":"tags","type":{"type":"array","items":{"type":"string","avro.java.string":"String"}},"default":[]},
        {"name":"scores","type":{"type":"map","values":"double"}},
        {"name":"payload","type":"bytes"},
        {"name":"hash","type":{"type":"fixed","name":"Hash","size":4}},
        {"name":"nested","type":{"type":"record","name":"Nested","fields":[
          {"name":"n","type":"int"},
          {"name":"flag","type":"boolean","default":true}]}},
        {"name":"maybeNested","type":["null","Nested"],"default":null},
        {"name":"nestedList","type":{"type":"array","items":"Nested"}},
        {"name":"optionalFirst","type":["string","null"],"default":"x"},
        {"name":"choice","type":["null","int","string","Nested"],"default":null},
        {"name":"ratio","type":"float","default":0.5},
        {"name":"count","type":"long","default":0}]}""");

  private final AvroData avroData = new AvroData(10);

  @Test
  void shouldTranslateEveryLogicalTypeToConnectsOwn() {
    Schema schema = avroData.toConnectSchema(EVERYTHING);

    assertThat(schema.name()).isEqualTo("io.strata.test.Everything");
    assertThat(schema.doc()).isEqualTo("Every shape the converter handles.");
    assertThat(schema.field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema.field("price").schema().parameters())
        .containsEntry(Decimal.SCALE_FIELD, "4").containsEntry("connect.decimal.precision", "12");
    assertThat(schema.field("total").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema.field("day").schema().name()).isEqualTo(Date.LOGICAL_NAME);
    assertThat(schema.field("timeOfDay").schema().name()).isEqualTo(Time.LOGICAL_NAME);
    assertThat(schema.field("at").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(schema.field("atMicros").schema().type()).isEqualTo(Schema.Type.INT64);
    assertThat(schema.field("id").schema().type()).isEqualTo(Schema.Type.STRING);
    assertThat(schema.field("kind").schema().type()).isEqualTo(Schema.Type.STRING);
    assertThat(schema.field("kind").schema().parameters())
        .containsEntry("io.strata.connect.avro.enum.symbols", "A,B,UNKNOWN");
    assertThat(schema.field("maybeNested").schema().isOptional()).isTrue();
    assertThat(schema.field("optionalFirst").schema().defaultValue()).isEqualTo("x");
    assertThat(schema.field("tags").schema().defaultValue()).isEqualTo(List.of());
    assertThat(schema.field("nested").schema().field("flag").schema().defaultValue()).isEqualTo(true);
    assertThat(schema.field("choice").schema().fields()).extracting(f -> f.name())
        .containsExactly("int", "string", "Nested");
    assertThat(schema.field("scores").schema().keySchema()).isEqualTo(Schema.STRING_SCHEMA);
  }

  @Test
  void shouldTranslateSchemasBackToTheSameAvroSchemaAndText() {
    for (org.apache.avro.Schema avro : List.of(EVERYTHING, SampleEvent.SCHEMA$)) {
      org.apache.avro.Schema back = avroData.fromConnectSchema(avroData.toConnectSchema(avro));

      assertThat(back).isEqualTo(avro);
      assertThat(back.toString()).isEqualTo(avro.toString());
    }
  }

  @Test
  void shouldTranslateEveryValueToConnectAndBack() {
    GenericRecord record = everything();

    SchemaAndValue connect = avroData.toConnectData(EVERYTHING, record);
    Struct struct = (Struct) connect.value();
    struct.validate();

    assertThat(struct.get("id")).isEqualTo("3f2b0c1e-8f5a-4f4e-9a55-0c1d2e3f4a5b");
    assertThat(struct.get("price")).isEqualTo(new BigDecimal("12.3400"));
    assertThat(struct.get("total")).isEqualTo(new BigDecimal("-1234.56"));
    assertThat(struct.get("day")).isEqualTo(java.util.Date.from(Instant.parse("2026-11-03T00:00:00Z")));
    assertThat(struct.get("timeOfDay")).isEqualTo(new java.util.Date(37_230_123L));
    assertThat(struct.get("at")).isEqualTo(java.util.Date.from(Instant.parse("2026-11-03T10:20:30.123Z")));
    assertThat(struct.get("atMicros")).isEqualTo(1_793_874_030_123_456L);
    assertThat(struct.get("kind")).isEqualTo("B");
    assertThat(struct.getArray("tags")).containsExactly("a", "b");
    assertThat(struct.getMap("scores")).containsEntry("f1", 0.9);
    assertThat(struct.getBytes("payload")).containsExactly(1, 2, 3);
    assertThat(struct.getBytes("hash")).containsExactly(9, 8, 7, 6);
    assertThat(struct.getStruct("nested").get("n")).isEqualTo(1);
    assertThat(struct.get("maybeNested")).isNull();
    assertThat(struct.getArray("nestedList")).hasSize(2);
    assertThat(struct.getStruct("choice").get("string")).isEqualTo("picked");
    assertThat(struct.getStruct("choice").get("int")).isNull();

    Object back = avroData.fromConnectData(connect.schema(), connect.value());

    assertThat(GenericData.get().validate(EVERYTHING, back)).isTrue();
    assertThat(back).isEqualTo(record);
  }

  @Test
  void shouldRestoreTheEnumSoThatItsSymbolsAreChecked() {
    Schema schema = avroData.toConnectSchema(EVERYTHING);
    Struct struct = (Struct) avroData.toConnectData(EVERYTHING, everything()).value();
    struct.put("kind", "Z");

    assertThatThrownBy(() -> avroData.fromConnectData(schema, struct))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'Z' is not a symbol of enum io.strata.test.Kind [A, B, UNKNOWN]");
  }

  @Test
  void shouldNameUnnamedConnectStructsAfterTheirPathAndKeepInt8AndInt16() {
    Schema inner = SchemaBuilder.struct().field("v", Schema.INT8_SCHEMA).build();
    Schema schema = SchemaBuilder.struct()
        .field("small", Schema.INT16_SCHEMA)
        .field("inner", inner)
        .field("maybe", SchemaBuilder.string().optional().defaultValue("d").build())
        .build();

    org.apache.avro.Schema avro = avroData.fromConnectSchema(schema);
    Schema back = avroData.toConnectSchema(avro);
    Struct value = new Struct(schema).put("small", (short) 7).put("inner", new Struct(inner).put("v", (byte) -3));

    assertThat(avro.getFullName()).isEqualTo("io.strata.connect.ConnectDefault");
    assertThat(avro.getField("inner").schema().getFullName()).isEqualTo("io.strata.connect.ConnectDefault_inner");
    assertThat(avro.getField("maybe").schema().toString()).isEqualTo("[\"string\",\"null\"]");
    assertThat(back.field("small").schema().type()).isEqualTo(Schema.Type.INT16);
    assertThat(back.field("inner").schema().field("v").schema().type()).isEqualTo(Schema.Type.INT8);
    Struct roundTripped = (Struct) avroData.toConnectData(avro, avroData.fromConnectData(schema, value)).value();
    assertThat(roundTripped.get("small")).isEqualTo((short) 7);
    assertThat(roundTripped.getStruct("inner").get("v")).isEqualTo((byte) -3);
    assertThat(roundTripped.get("maybe")).isEqualTo("d");
  }

  @Test
  void shouldRefuseWhatTheOtherSideCannotExpress() {
    var recursive = new Parser().parse("""
        {"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"],"default":null}]}""");
    Schema intKeys = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build();

    assertThatThrownBy(() -> avroData.toConnectSchema(recursive))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Node refers to itself");
    assertThatThrownBy(() -> avroData.fromConnectSchema(intKeys))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Avro map keys are strings");
  }

  static GenericRecord everything() {
    org.apache.avro.Schema nestedSchema = EVERYTHING.getField("nested").schema();
    GenericRecord nested = new GenericData.Record(nestedSchema);
    nested.put("n", 1);
    nested.put("flag", true);
    GenericRecord other = new GenericData.Record(nestedSchema);
    other.put("n", 2);
    other.put("flag", false);
    GenericRecord record = new GenericData.Record(EVERYTHING);
    record.put("id", "3f2b0c1e-8f5a-4f4e-9a55-0c1d2e3f4a5b");
    record.put("price", ByteBuffer.wrap(BigInteger.valueOf(123_400).toByteArray()));
    record.put("total", new GenericData.Fixed(EVERYTHING.getField("total").schema(),
        new byte[] {-1, -1, -1, -1, -1, -2, 29, -64}));
    record.put("day", (int) LocalDate.parse("2026-11-03").toEpochDay());
    record.put("timeOfDay", 37_230_123);
    record.put("at", Instant.parse("2026-11-03T10:20:30.123Z").toEpochMilli());
    record.put("atMicros", 1_793_874_030_123_456L);
    record.put("kind", new GenericData.EnumSymbol(EVERYTHING.getField("kind").schema(), "B"));
    record.put("tags", List.of("a", "b"));
    record.put("scores", Map.of("f1", 0.9));
    record.put("payload", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    record.put("hash", new GenericData.Fixed(EVERYTHING.getField("hash").schema(), new byte[] {9, 8, 7, 6}));
    record.put("nested", nested);
    record.put("maybeNested", null);
    record.put("nestedList", List.of(nested, other));
    record.put("optionalFirst", "y");
    record.put("choice", "picked");
    record.put("ratio", 0.25f);
    record.put("count", 3L);
    return record;
  }
}
