package io.strata.lakehouse.metrics;

import io.micrometer.core.instrument.Gauge;
import io.strata.lakehouse.tables.Catalogs;
import io.strata.observability.metrics.ComponentMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect REST extension serving {@code GET /metrics} on the worker's own REST server (standalone and
 * distributed): the JVM and process metrics of {@code ComponentMetrics.create("lakehouse-sink")} plus
 * <ul>
 *   <li>{@code strata_lakehouse_commit_age_seconds}: seconds since the newest Iceberg snapshot over the tables of
 *       every Iceberg sink connector of the worker's cluster ({@link CommitAge}, tables reloaded at most every
 *       {@value #REFRESH_SECONDS} s; NaN before the first commit);</li>
 *   <li>{@code strata_lakehouse_tables}: how many of those tables the catalogs hold;</li>
 *   <li>{@code strata_lakehouse_consumer_lag_records}: the record lag of those connectors' task consumers in this
 *       worker ({@link ConsumerLag}; NaN before their first fetch).</li>
 * </ul>
 * The sinks and their catalogs are read from the connectors' configurations, so the extension needs no settings:
 * register it with {@code rest.extension.classes=io.strata.lakehouse.metrics.LakehouseMetricsExtension}.
 */
public final class LakehouseMetricsExtension implements ConnectRestExtension {

  /** The {@code component} tag of every metric. */
  public static final String COMPONENT = "lakehouse-sink";
  static final int REFRESH_SECONDS = 5;

  private final Logger log = LoggerFactory.getLogger(LakehouseMetricsExtension.class);
  private ComponentMetrics metrics;
  private CommitAge commitAge;
  private ConsumerLag consumerLag;

  @Override
  public void configure(Map<String, ?> configs) {
    // Everything comes from the connectors' configurations.
  }

  @Override
  public void register(ConnectRestExtensionContext context) {
    ConnectClusterState cluster = context.clusterState();
    metrics = ComponentMetrics.create(COMPONENT);
    commitAge = new CommitAge(() -> icebergSinks(cluster),
        sink -> Catalogs.load(sink.catalogName(), sink.catalogProperties()),
        Duration.ofSeconds(REFRESH_SECONDS), Clock.systemUTC());
    consumerLag = new ConsumerLag(() -> commitAge.sinks().stream().map(IcebergSinkTables::connector).toList());
    Gauge.builder("strata.lakehouse.commit.age", commitAge, CommitAge::ageSeconds)
        .baseUnit("seconds")
        .description("Seconds since the newest Iceberg snapshot commit over the sink's tables (NaN before the first)")
        .register(metrics.registry());
    Gauge.builder("strata.lakehouse.tables", commitAge, CommitAge::tables)
        .description("Tables of the Iceberg sink connectors found in their catalogs")
        .register(metrics.registry());
    Gauge.builder("strata.lakehouse.consumer.lag", consumerLag, ConsumerLag::records)
        .baseUnit("records")
        .description("Records between the sink task consumers' positions and the partitions' ends, summed")
        .register(metrics.registry());
    context.configurable().register(new MetricsResource(metrics));
    log.info("Metrics served on the Connect REST server: path=/metrics component={}", COMPONENT);
  }

  private List<IcebergSinkTables> icebergSinks(ConnectClusterState cluster) {
    List<IcebergSinkTables> sinks = new ArrayList<>();
    for (String connector : cluster.connectors()) {
      IcebergSinkTables.of(connector, cluster.connectorConfig(connector)).ifPresent(sinks::add);
    }
    return sinks;
  }

  @Override
  public String version() {
    String version = LakehouseMetricsExtension.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  @Override
  public void close() {
    if (commitAge != null) {
      commitAge.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}
