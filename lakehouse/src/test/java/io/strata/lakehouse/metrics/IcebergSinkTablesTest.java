package io.strata.lakehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.lakehouse.sink.SinkConnectorConfig;
import io.strata.lakehouse.sink.SinkSettings;
import io.strata.lakehouse.sink.SourceTopic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

class IcebergSinkTablesTest {

  @Test
  void shouldReadTheTablesAndCatalogOfTheSinksConnectorConfiguration() {
    Map<String, String> config = SinkConnectorConfig.of(SinkSettings.defaults("k:9092", "http://r", Path.of("/d"))
        .withTopics(List.of(SourceTopic.parse("api-calls"), SourceTopic.parse("labels-copy=labels"))));

    IcebergSinkTables sink = IcebergSinkTables.of("strata-lakehouse", config).orElseThrow();

    assertThat(sink.connector()).isEqualTo("strata-lakehouse");
    assertThat(sink.catalogName()).isEqualTo("strata");
    assertThat(sink.tables()).containsExactly(TableIdentifier.of("strata", "api_calls"),
        TableIdentifier.of("strata", "labels"));
    assertThat(sink.catalogProperties())
        .containsEntry("type", "jdbc")
        .containsEntry("uri", "jdbc:sqlite:/d/catalog.db")
        .doesNotContainKey("catalog");
  }

  @Test
  void shouldIgnoreConnectorsThatAreNotIcebergSinks() {
    assertThat(IcebergSinkTables.of("drop-folder", Map.of("connector.class", "io.strata.ingest.DropFolderSource",
        "iceberg.tables", "a.b"))).isEmpty();
    assertThat(IcebergSinkTables.of("gone", null)).isEmpty();
  }
}
