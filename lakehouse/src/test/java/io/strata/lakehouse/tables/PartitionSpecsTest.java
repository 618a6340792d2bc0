package io.strata.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.ApiCall;
import io.strata.events.DatasetEvent;
import io.strata.schemas.topics.Topics;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.junit.jupiter.api.Test;

class PartitionSpecsTest {

  @Test
  void shouldPartitionHighVolumeTopicsByDayAndTenant() {
    Schema schema = AvroToIceberg.tableSchema(ApiCall.getClassSchema());

    PartitionSpec spec = PartitionSpecs.forTopic(Topics.API_CALLS.name(), schema);

    assertThat(spec.fields()).extracting(PartitionField::name, f -> f.transform().toString())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("occurredAt_day", "day"),
            org.assertj.core.groups.Tuple.tuple("tenantId", "identity"));
  }

  @Test
  void shouldPartitionSmallTopicsByDayOnly() {
    Schema schema = AvroToIceberg.tableSchema(DatasetEvent.getClassSchema());

    PartitionSpec spec = PartitionSpecs.forTopic(Topics.DATASETS.name(), schema);

    assertThat(spec.fields()).extracting(PartitionField::name).containsExactly("occurredAt_day");
  }

  @Test
  void shouldPartitionEveryCatalogTableByDayOfOccurredAt() {
    assertThat(TableDefinition.forCatalog(Namespace.of("strata")))
        .allSatisfy(d -> assertThat(d.spec().fields().get(0).name()).as(d.topic()).isEqualTo("occurredAt_day"))
        .filteredOn(d -> d.spec().fields().size() == 2)
        .extracting(TableDefinition::topic)
        .containsExactlyInAnyOrder("samples", "labels", "api-calls", "predictions");
  }
}
