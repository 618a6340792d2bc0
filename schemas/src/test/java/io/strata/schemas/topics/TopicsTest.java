package io.strata.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.testing.Events;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopicsTest {

  static Stream<Topic<?, ?>> avroTopics() {
    return Topics.avro().stream();
  }

  @Test
  void shouldNameEveryTopicOnce() {
    assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates()
        .contains("samples", "ingest-rejections", "labels", "datasets", "dataset-version-items", "training-jobs",
            "models", "apps", "api-calls", "predictions", "drift-reports", "prices", "usage", "invoices", "trainers", "_schemas");
  }

  @Test
  void shouldCompactOnlyTheTopicsThatHoldCurrentState() {
    assertThat(Topics.all()).filteredOn(Topic::compacted).extracting(Topic::name)
        .containsExactlyInAnyOrder("tenants", "apps", "prices", "trainers", "_schemas");
  }

  @Test
  void shouldRetainByAppendTimeSoThatOldEventTimesAreNotDropped() {
    assertThat(Topics.all()).filteredOn(t -> !t.compacted())
        .allSatisfy(t -> assertThat(t.configs()).containsEntry("message.timestamp.type", "LogAppendTime"));
  }

  @Test
  void shouldKeepTheRegistryLogInOnePartitionBecauseIdsFollowItsOrder() {
    assertThat(Topics.SCHEMAS.partitions()).isEqualTo(1);
  }

  @Test
  void shouldRoundTripAValueThroughTheCatalogSerde() {
    var registry = new InMemorySchemaRegistryClient();
    var serde = Topics.SAMPLES.valueSerde(registry);
    var event = Events.uploaded();
    byte[] bytes = serde.serializer().serialize(Topics.SAMPLES.name(), event);
    assertThat(bytes[0]).as("magic byte").isZero();
    assertThat(serde.deserializer().deserialize(Topics.SAMPLES.name(), bytes)).isEqualTo(event);
    assertThat(Topics.SCHEMAS.valueSerde(registry).deserializer().deserialize("_schemas", "{}".getBytes()))
        .isEqualTo("{}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avroTopics")
  void shouldStartWithTheCommonHeader(Topic<?, ?> topic) {
    Schema schema = SchemaHistory.current(topic);
    assertThat(schema.getFields()).extracting(Field::name).startsWith(
        "eventId", "tenantId", "occurredAt", "producer", "causationId");
    Schema occurredAt = schema.getField("occurredAt").schema();
    assertThat(occurredAt.getType()).isEqualTo(Type.LONG);
    assertThat(occurredAt.getLogicalType().getName()).isEqualTo("timestamp-millis");
    assertThat(schema.getField("causationId").hasDefaultValue()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avroTopics")
  void shouldGiveEveryEnumADefaultSoNewSymbolsDoNotBreakOldReaders(Topic<?, ?> topic) {
    enums(SchemaHistory.current(topic)).forEach(e ->
        assertThat(e.getEnumDefault()).as("enum %s in %s", e.getFullName(), topic.name()).isNotNull());
  }

  private static Stream<Schema> enums(Schema schema) {
    return switch (schema.getType()) {
      case ENUM -> Stream.of(schema);
      case RECORD -> schema.getFields().stream().flatMap(f -> enums(f.schema()));
      case UNION -> schema.getTypes().stream().flatMap(TopicsTest::enums);
      case ARRAY -> enums(schema.getElementType());
      case MAP -> enums(schema.getValueType());
      default -> Stream.empty();
    };
  }
}
