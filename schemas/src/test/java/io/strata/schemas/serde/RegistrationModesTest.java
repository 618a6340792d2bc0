package io.strata.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import io.strata.schemas.testing.Point;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistrationModesTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldOnlyLookUpTheSchemaWhenAutoRegistrationIsOff() {
    int id = registry.register("points-value", Point.SCHEMA$);
    var serializer = new SpecificAvroSerializer<Point>(registry);
    serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

    byte[] bytes = serializer.serialize("points", new Point(1, "a", "b"));

    assertThat(bytes[4]).isEqualTo((byte) id);
    assertThat(registry.versions("points-value")).hasSize(1);
  }

  @Test
  void shouldSayHowToFixItWhenAutoRegistrationIsOffAndTheSchemaIsMissing() {
    registry.register("points-value", Point.V1);
    var serializer = new SpecificAvroSerializer<Point>(registry);
    serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

    assertThatThrownBy(() -> serializer.serialize("points", new Point(1, "a", "b")))
        .isInstanceOfSatisfying(AvroSerdeException.class,
            e -> assertThat(e.reason()).isEqualTo(AvroSerdeException.Reason.SCHEMA_NOT_REGISTERED))
        .hasMessageContaining("not registered under subject 'points-value' and auto.register.schemas=false")
        .hasMessageContaining("POST /subjects/points-value/versions");
    assertThat(registry.versions("points-value")).hasSize(1);
  }

  @Test
  void shouldWriteWithTheLatestSchemaTakingFieldsByNameWhenUseLatestVersionIsOn() {
    registry.register("points-value", Point.V1);
    int latest = registry.register("points-value", Point.SCHEMA$);
    var serializer = new GenericAvroSerializer(registry);
    serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
        AvroSerdeConfig.USE_LATEST_VERSION, "true"), false);
    GenericRecord old = new GenericData.Record(Point.V1);
    old.put("x", 2);
    old.put("label", "written by an old producer");

    byte[] bytes = serializer.serialize("points", old);
    Point read = new SpecificAvroDeserializer<>(registry, Point.class).deserialize("points", bytes);

    assertThat(bytes[4]).isEqualTo((byte) latest);
    assertThat(read.label()).isEqualTo("written by an old producer");
    assertThat(read.color()).isEqualTo("red");
  }

  @Test
  void shouldRefuseUseLatestVersionTogetherWithAutoRegistration() {
    var serializer = new GenericAvroSerializer(registry);

    assertThatThrownBy(() -> serializer.configure(Map.of(AvroSerdeConfig.USE_LATEST_VERSION, "true"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("use.latest.version=true needs auto.register.schemas=false");
  }

  @Test
  void shouldRejectSettingsItDoesNotSupport() {
    var serializer = new GenericAvroSerializer(registry);

    assertThatThrownBy(() -> serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auto.register.schemas")
        .hasMessageContaining("Expected true or false");
    assertThatThrownBy(() -> serializer.configure(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
        "io.confluent.kafka.serializers.subject.RecordNameStrategy"), false))
        .hasMessageContaining("Only TopicNameStrategy");
  }
}
