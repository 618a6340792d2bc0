package io.strata.lakehouse.metrics;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The record lag of the sink connectors' task consumers, read from the Kafka consumer metrics every client
 * publishes on the platform MBean server: the sum of {@code records-lag} (records between the consumer's fetch
 * position and the partition's end, as of its last fetch) over the partitions of every consumer named
 * {@code connector-consumer-<connector>-<task>}. NaN while no such consumer has fetched yet.
 */
public final class ConsumerLag {

  private static final String FETCH_METRICS = "kafka.consumer:type=consumer-fetch-manager-metrics,*";

  private final Supplier<Collection<String>> connectors;
  private final MBeanServer server;

  /** @param connectors the names of the connectors whose task consumers count */
  public ConsumerLag(Supplier<Collection<String>> connectors) {
    this.connectors = connectors;
    this.server = ManagementFactory.getPlatformMBeanServer();
  }

  /** The summed record lag, NaN when no partition of those consumers has a lag yet. */
  public double records() {
    Collection<String> names = connectors.get();
    if (names.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    boolean any = false;
    try {
      for (ObjectName name : server.queryNames(new ObjectName(FETCH_METRICS), null)) {
        String clientId = name.getKeyProperty("client-id");
        if (name.getKeyProperty("partition") == null || clientId == null || !ofConnector(clientId, names)) {
          continue;
        }
        Object lag = server.getAttribute(name, "records-lag");
        if (lag instanceof Number number && Double.isFinite(number.doubleValue())) {
          sum += number.doubleValue();
          any = true;
        }
      }
    } catch (JMException e) {
      return Double.NaN;
    }
    return any ? sum : Double.NaN;
  }

  private static boolean ofConnector(String clientId, Collection<String> connectors) {
    String unquoted = clientId.startsWith("\"") ? ObjectName.unquote(clientId) : clientId;
    for (String connector : connectors) {
      if (unquoted.startsWith("connector-consumer-" + connector + "-")) {
        return true;
      }
    }
    return false;
  }
}
