package io.strata.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.ApiCall;
import io.strata.events.AppEvent;
import io.strata.events.DriftReport;
import io.strata.events.PriceBookEntry;
import io.strata.events.SampleEvent;
import java.util.List;
import org.apache.avro.Schema.Parser;
import org.apache.avro.specific.SpecificData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

class AvroToIcebergTest {

  @Test
  void shouldMapSampleEventRecordsEnumsOptionalsAndArrays() {
    Schema schema = AvroToIceberg.tableSchema(SampleEvent.getClassSchema());

    assertThat(schema.findField("eventId").isRequired()).isTrue();
    assertThat(schema.findType("eventId")).isEqualTo(Types.StringType.get());
    assertThat(schema.findField("occurredAt").isRequired()).isTrue();
    assertThat(schema.findType("occurredAt")).isEqualTo(Types.TimestampType.withZone());
    assertThat(schema.findField("causationId").isOptional()).isTrue();
    assertThat(schema.findType("kind")).as("enum as its symbol").isEqualTo(Types.StringType.get());
    NestedField uploaded = schema.findField("uploaded");
    assertThat(uploaded.isOptional()).isTrue();
    assertThat(uploaded.type().isStructType()).isTrue();
    assertThat(schema.findType("uploaded.sizeBytes")).isEqualTo(Types.LongType.get());
    assertThat(schema.findType("uploaded.width")).isEqualTo(Types.IntegerType.get());
    assertThat(schema.findField("uploaded.width").isRequired()).isTrue();
    Types.ListType tags = schema.findType("uploaded.tags").asListType();
    assertThat(tags.elementType()).isEqualTo(Types.StringType.get());
    assertThat(tags.isElementRequired()).isTrue();
    assertThat(schema.findType("quality.sharpness")).isEqualTo(Types.DoubleType.get());
    assertThat(schema.findType("quality.blurry")).isEqualTo(Types.BooleanType.get());
    assertThat(schema.findField("occurredAt").doc()).isEqualTo("When the fact happened (event time, UTC).");
  }

  @Test
  void shouldKeepPriceDecimalsInsideNestedListsOfRecords() {
    Schema schema = AvroToIceberg.tableSchema(PriceBookEntry.getClassSchema());

    Type version = schema.findType("schedule").asListType().elementType();
    assertThat(version.asStructType().field("validFrom").type()).isEqualTo(Types.TimestampType.withZone());
    Type tier = version.asStructType().field("tiers").type().asListType().elementType();
    assertThat(tier.asStructType().field("unitPrice").type()).isEqualTo(Types.DecimalType.of(18, 6));
    assertThat(tier.asStructType().field("fromUnits").type()).isEqualTo(Types.LongType.get());
  }

  @Test
  void shouldMapDriftReportTimestampsAsTimestamptz() {
    Schema schema = AvroToIceberg.tableSchema(DriftReport.getClassSchema());

    assertThat(List.of("occurredAt", "windowStart", "windowEnd"))
        .allSatisfy(name -> assertThat(schema.findType(name)).isEqualTo(Types.TimestampType.withZone()));
    assertThat(schema.findType("features").asListType().elementType().isStructType()).isTrue();
  }

  @Test
  void shouldMapStringMapsAndPlainBytes() {
    Types.MapType dimensions = AvroToIceberg.tableSchema(ApiCall.getClassSchema()).findType("dimensions").asMapType();
    assertThat(dimensions.keyType()).isEqualTo(Types.StringType.get());
    assertThat(dimensions.valueType()).isEqualTo(Types.StringType.get());
    assertThat(dimensions.isValueRequired()).isTrue();

    Schema apps = AvroToIceberg.tableSchema(AppEvent.getClassSchema());
    assertThat(apps.findType("secret.ciphertext")).isEqualTo(Types.BinaryType.get());
  }

  @Test
  void shouldEndEveryTableWithTheKafkaMetadataColumns() {
    for (var topic : TableNames.lakehouseTopics()) {
      Schema schema = AvroToIceberg.tableSchema(SpecificData.get().getSchema(topic.valueType()));
      List<NestedField> columns = schema.columns();
      assertThat(columns.subList(columns.size() - 4, columns.size()))
          .as(topic.name())
          .containsExactly(
              NestedField.required(columns.get(columns.size() - 4).fieldId(), "_kafka_topic",
                  Types.StringType.get(), columns.get(columns.size() - 4).doc()),
              NestedField.required(columns.get(columns.size() - 3).fieldId(), "_kafka_partition",
                  Types.IntegerType.get(), columns.get(columns.size() - 3).doc()),
              NestedField.required(columns.get(columns.size() - 2).fieldId(), "_kafka_offset",
                  Types.LongType.get(), columns.get(columns.size() - 2).doc()),
              NestedField.required(columns.get(columns.size() - 1).fieldId(), "_kafka_append_time",
                  Types.TimestampType.withZone(), columns.get(columns.size() - 1).doc()));
    }
  }

  @Test
  void shouldAssignTheSameIdsEveryTimeNumberingTopLevelColumnsFirst() {
    Schema first = AvroToIceberg.tableSchema(SampleEvent.getClassSchema());
    Schema second = AvroToIceberg.tableSchema(new Parser().parse(SampleEvent.getClassSchema().toString()));

    assertThat(second.sameSchema(first)).isTrue();
    assertThat(second.asStruct()).isEqualTo(first.asStruct());
    assertThat(first.findField("eventId").fieldId()).isEqualTo(1);
    assertThat(first.columns()).extracting(NestedField::fieldId)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, first.columns().size()).boxed().toList());
  }

  @Test
  void shouldMapLogicalTypesTheCatalogDoesNotUseYet() {
    Schema schema = AvroToIceberg.tableSchema(new Parser().parse("""
        {"type": "record", "name": "Everything", "fields": [
          {"name": "day", "type": {"type": "int", "logicalType": "date"}},
          {"name": "micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
          {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
          {"name": "clock", "type": {"type": "int", "logicalType": "time-millis"}},
          {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
          {"name": "hash", "type": {"type": "fixed", "name": "Sha256", "size": 32}},
          {"name": "price", "type": {"type": "fixed", "name": "Price", "size": 8,
            "logicalType": "decimal", "precision": 12, "scale": 2}},
          {"name": "ratio", "type": "float"},
          {"name": "nullLast", "type": ["long", "null"]},
          {"name": "scores", "type": {"type": "map", "values": ["null", "double"]}},
          {"name": "maybe", "type": {"type": "array", "items": ["null", "string"]}}
        ]}"""));

    assertThat(schema.findType("day")).isEqualTo(Types.DateType.get());
    assertThat(schema.findType("micros")).isEqualTo(Types.TimestampType.withZone());
    assertThat(schema.findType("local")).isEqualTo(Types.TimestampType.withoutZone());
    assertThat(schema.findType("clock")).isEqualTo(Types.TimeType.get());
    assertThat(schema.findType("id")).isEqualTo(Types.StringType.get());
    assertThat(schema.findType("hash")).isEqualTo(Types.FixedType.ofLength(32));
    assertThat(schema.findType("price")).isEqualTo(Types.DecimalType.of(12, 2));
    assertThat(schema.findType("ratio")).isEqualTo(Types.FloatType.get());
    assertThat(schema.findField("nullLast").isOptional()).isTrue();
    assertThat(schema.findType("nullLast")).isEqualTo(Types.LongType.get());
    assertThat(schema.findType("scores").asMapType().isValueOptional()).isTrue();
    assertThat(schema.findType("maybe").asListType().isElementOptional()).isTrue();
  }

  @Test
  void shouldRejectUnionsOfSeveralTypesNamingTheField() {
    org.apache.avro.Schema avro = new Parser().parse("""
        {"type": "record", "name": "Bad", "fields": [
          {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
            {"name": "either", "type": ["null", "string", "long"]}]}}]}""");

    assertThatThrownBy(() -> AvroToIceberg.tableSchema(avro))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'inner.either'");
  }

  @Test
  void shouldRejectRecursiveRecords() {
    org.apache.avro.Schema avro = new Parser().parse("""
        {"type": "record", "name": "Node", "fields": [
          {"name": "next", "type": ["null", "Node"]}]}""");

    assertThatThrownBy(() -> AvroToIceberg.tableSchema(avro))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recursive record Node");
  }
}
