package io.strata.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.SampleEvent;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.testing.Events;
import io.strata.schemas.testing.Point;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @AfterEach
  void dropMockScope() {
    InMemorySchemaRegistryClient.dropScope("specific-serde-test");
  }

  @Test
  void shouldRoundTripARealisticEventWithNestedRecordsEnumsArraysAndTimestamps() {
    var serde = new SpecificAvroSerde<>(registry, SampleEvent.class);

    for (SampleEvent event : new SampleEvent[] {Events.uploaded(), Events.assessed()}) {
      byte[] bytes = serde.serializer().serialize("samples", event);

      assertThat(serde.deserializer().deserialize("samples", bytes)).isEqualTo(event);
    }
    assertThat(registry.subjects()).containsExactly("samples-value");
  }

  @Test
  void shouldWorkWhenKafkaInstantiatesItByClassNameAndConfiguresIt() {
    Map<String, Object> configs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://specific-serde-test");
    Serializer<SampleEvent> serializer = new SpecificAvroSerializer<>();
    Deserializer<SampleEvent> deserializer = new SpecificAvroDeserializer<>();
    serializer.configure(configs, false);
    deserializer.configure(configs, false);

    SampleEvent event = Events.uploaded();
    SampleEvent read = deserializer.deserialize("samples", serializer.serialize("samples", event));

    assertThat(read).isEqualTo(event);
    assertThat(InMemorySchemaRegistryClient.scoped("specific-serde-test").subjects()).containsExactly("samples-value");
    serializer.close();
    deserializer.close();
  }

  @Test
  void shouldRegisterKeysUnderTheKeySubject() {
    var serde = new SpecificAvroSerde<Point>();
    serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://specific-serde-test"), true);

    byte[] bytes = serde.serializer().serialize("points", new Point(3, "k", "blue"));

    assertThat(serde.deserializer().deserialize("points", bytes).label()).isEqualTo("k");
    assertThat(InMemorySchemaRegistryClient.scoped("specific-serde-test").subjects()).containsExactly("points-key");
  }

  @Test
  void shouldReadIntoTheClassGivenBySpecificAvroValueType() {
    int id = registry.register("points-value", Point.SCHEMA$);
    var deserializer = new SpecificAvroDeserializer<Point>(registry, null);
    deserializer.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Point.class.getName()), false);

    Point point = deserializer.deserialize("points", new SpecificAvroSerializer<Point>(registry)
        .serialize("points", new Point(5, "five", "green")));

    assertThat(point.x()).isEqualTo(5);
    assertThat(id).isPositive();
  }

  @Test
  void shouldRefuseToBeUsedBeforeItIsConfigured() {
    assertThatThrownBy(() -> new SpecificAvroSerializer<Point>().serialize("points", new Point(1, "a", "b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call configure() with schema.registry.url");
  }
}
