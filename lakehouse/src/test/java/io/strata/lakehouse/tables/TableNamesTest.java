package io.strata.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.schemas.topics.Topic;
import io.strata.schemas.topics.Topics;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

class TableNamesTest {

  @Test
  void shouldReplaceHyphensWithUnderscores() {
    assertThat(TableNames.identifier(Namespace.of("strata"), Topics.API_CALLS))
        .isEqualTo(TableIdentifier.of("strata", "api_calls"));
    assertThat(TableNames.tableName("dataset-version-items")).isEqualTo("dataset_version_items");
    assertThat(TableNames.tableName("samples")).isEqualTo("samples");
  }

  @Test
  void shouldMakeEveryAvroTopicATableButNotTheRegistryOrDeadLetters() {
    assertThat(TableNames.lakehouseTopics()).containsExactlyElementsOf(Topics.avro())
        .doesNotContain(Topics.SCHEMAS, Topics.DEAD_LETTERS)
        .hasSize(Topics.all().size() - 2);
    assertThat(TableNames.lakehouseTopics()).extracting(Topic::name).doesNotHaveDuplicates();
  }
}
