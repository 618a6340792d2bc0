package io.strata.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

  @Test
  void shouldDefaultToEveryLakehouseTopicInASqliteCatalogWithATwoSecondCommit() {
    SinkSettings settings = SinkSettings.fromSources(
        new String[] {"--bootstrap.servers=localhost:9092", "--data.dir", "/data/lakehouse"},
        Map.of("STRATA_LAKEHOUSE_SCHEMA_REGISTRY_URL", "http://localhost:8081"));

    assertThat(settings.topics()).hasSize(Topics.avro().size());
    assertThat(settings.namespace()).isEqualTo("strata");
    assertThat(settings.commitInterval().toMillis()).isEqualTo(2_000);
    assertThat(settings.catalogProperties())
        .containsEntry("type", "jdbc")
        .containsEntry("uri", "jdbc:sqlite:/data/lakehouse/catalog.db")
        .containsEntry("jdbc.journal_mode", "WAL");
  }

  @Test
  void shouldReadBackItsOwnArguments() {
    SinkSettings settings = SinkSettings.defaults("k:9092", "http://r", Path.of("/d"))
        .withTopics(java.util.List.of(SourceTopic.parse("api-calls-1=api-calls")))
        .with("ns", java.time.Duration.ofMillis(700));

    assertThat(SinkSettings.fromSources(settings.toArguments().toArray(String[]::new), Map.of())).isEqualTo(settings);
  }

  @Test
  void shouldNameTheBadSettingAndWhatIsAccepted() {
    assertThatThrownBy(() -> SinkSettings.fromMap(Map.of("schema.registry.url", "http://r")))
        .hasMessageContaining("Missing bootstrap.servers");
    assertThatThrownBy(() -> SinkSettings.fromMap(Map.of("bootstrap.servers", "k:9092",
        "schema.registry.url", "http://r", "topics", "nope")))
        .hasMessageContaining("'nope' is not a lakehouse topic");
    assertThatThrownBy(() -> SinkSettings.fromMap(Map.of("bootstrap.servers", "k:9092",
        "schema.registry.url", "http://r", "comit.interval.ms", "5")))
        .hasMessageContaining("Unknown lakehouse sink setting(s) [comit.interval.ms]");
  }

  @Test
  void shouldRouteEachTopicToItsOwnTableByTheTopicColumn() {
    Map<String, String> config = SinkConnectorConfig.of(SinkSettings.defaults("k:9092", "http://r", Path.of("/d"))
        .withTopics(java.util.List.of(SourceTopic.parse("api-calls"), SourceTopic.parse("dead-copy=labels"))));

    assertThat(config)
        .containsEntry("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector")
        .containsEntry("topics", "api-calls,dead-copy")
        .containsEntry("value.converter", "io.strata.schemas.connect.AvroConverter")
        .containsEntry("iceberg.tables", "strata.api_calls,strata.labels")
        .containsEntry("iceberg.tables.route-field", "_kafka_topic")
        .containsEntry("iceberg.table.strata.labels.route-regex", "\\Qdead-copy\\E")
        .containsEntry("iceberg.tables.auto-create-enabled", "false")
        .containsEntry("iceberg.tables.evolve-schema-enabled", "true")
        .containsEntry("errors.deadletterqueue.topic.name", "dead-letters")
        .containsEntry("iceberg.catalog.type", "jdbc")
        .containsEntry("consumer.override.isolation.level", "read_committed");
  }
}
