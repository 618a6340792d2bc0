package io.strata.lakehouse.tables;

import io.strata.schemas.topics.Topics;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/**
 * The partition spec of each table, a pure function of the topic name and the table schema.
 *
 * <p>Every table is partitioned by {@code day(occurredAt)}: event time is what analysts filter on
 * ("uploads per day", "calls in the last hour"), and a day keeps files large at Strata's volumes.
 * The high-volume, tenant-scoped topics ({@code samples}, {@code labels}, {@code api-calls}, {@code
 * predictions}) are also partitioned by {@code identity(tenantId)}: their queries are almost always
 * for one tenant, so pruning by tenant skips most files. The other topics are small (a few events per
 * entity), and a tenant partition there would only multiply tiny files. A topic without {@code
 * occurredAt} or {@code tenantId} is simply not partitioned by it.
 */
public final class PartitionSpecs {

  static final String EVENT_TIME = "occurredAt";
  static final String TENANT = "tenantId";

  private static final Set<String> TENANT_PARTITIONED = Set.of(
      Topics.SAMPLES.name(), Topics.LABELS.name(), Topics.API_CALLS.name(), Topics.PREDICTIONS.name());

  private PartitionSpecs() {}

  /** The spec for the table of topic {@code topicName} with schema {@code schema}. */
  public static PartitionSpec forTopic(String topicName, Schema schema) {
    PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
    if (schema.findField(EVENT_TIME) != null) {
      spec.day(EVENT_TIME);
    }
    if (TENANT_PARTITIONED.contains(topicName) && schema.findField(TENANT) != null) {
      spec.identity(TENANT);
    }
    return spec.build();
  }
}
