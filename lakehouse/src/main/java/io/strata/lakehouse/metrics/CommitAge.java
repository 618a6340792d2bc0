package io.strata.lakehouse.metrics;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seconds since the newest Iceberg snapshot commit over the sinks' tables, read from the catalogs the sinks write
 * to. The tables are loaded at most once per {@code refreshEvery} (a scrape in between reuses the newest commit
 * time found, so the age keeps growing between loads); {@link Double#NaN} while no table has a snapshot yet. Catalogs
 * are loaded once per distinct configuration and closed by {@link #close()}. Thread-safe.
 */
public final class CommitAge implements Closeable {

  private final Logger log = LoggerFactory.getLogger(CommitAge.class);
  private final Supplier<List<IcebergSinkTables>> sinks;
  private final Function<IcebergSinkTables, Catalog> catalogLoader;
  private final Duration refreshEvery;
  private final Clock clock;
  private final Map<Map<String, String>, Catalog> catalogs = new HashMap<>();
  private List<IcebergSinkTables> lastSinks = List.of();
  private long newestCommitMillis = Long.MIN_VALUE;
  private int tables;
  private long refreshedAtMillis = Long.MIN_VALUE;

  /**
   * @param sinks the Iceberg sinks to watch, asked again at each refresh (connectors come and go)
   * @param catalogLoader builds the catalog of a sink (called once per distinct catalog configuration)
   * @param refreshEvery how long a load of the tables is reused
   * @param clock the clock the age is measured with
   */
  public CommitAge(Supplier<List<IcebergSinkTables>> sinks, Function<IcebergSinkTables, Catalog> catalogLoader,
      Duration refreshEvery, Clock clock) {
    this.sinks = sinks;
    this.catalogLoader = catalogLoader;
    this.refreshEvery = refreshEvery;
    this.clock = clock;
  }

  /** Seconds since the newest snapshot of any sink table was committed; NaN before the first commit. */
  public synchronized double ageSeconds() {
    refreshIfStale();
    if (newestCommitMillis == Long.MIN_VALUE) {
      return Double.NaN;
    }
    return Math.max(0, clock.millis() - newestCommitMillis) / 1000.0;
  }

  /** How many of the sinks' tables could be loaded from their catalogs at the last refresh. */
  public synchronized double tables() {
    refreshIfStale();
    return tables;
  }

  /** The Iceberg sinks found at the last refresh. */
  public synchronized List<IcebergSinkTables> sinks() {
    refreshIfStale();
    return lastSinks;
  }

  private void refreshIfStale() {
    long now = clock.millis();
    if (refreshedAtMillis != Long.MIN_VALUE && now - refreshedAtMillis < refreshEvery.toMillis()) {
      return;
    }
    refreshedAtMillis = now;
    List<IcebergSinkTables> found;
    try {
      found = sinks.get();
    } catch (RuntimeException e) {
      log.warn("Cannot list the Iceberg sink connectors for the commit age: error={}", e.toString());
      return;
    }
    int loaded = 0;
    long newest = newestCommitMillis;
    for (IcebergSinkTables sink : found) {
      Catalog catalog;
      try {
        catalog = catalogs.computeIfAbsent(catalogKey(sink), key -> catalogLoader.apply(sink));
      } catch (RuntimeException e) {
        log.warn("Cannot load the catalog of sink connector for the commit age: connector={} catalog={} error={}",
            sink.connector(), sink.catalogName(), e.toString());
        continue;
      }
      for (TableIdentifier id : sink.tables()) {
        try {
          Table table = catalog.loadTable(id);
          loaded++;
          Snapshot current = table.currentSnapshot();
          if (current != null) {
            newest = Math.max(newest, current.timestampMillis());
          }
        } catch (RuntimeException e) {
          log.debug("Cannot load a sink table for the commit age: table={} error={}", id, e.toString());
        }
      }
    }
    lastSinks = List.copyOf(found);
    tables = loaded;
    newestCommitMillis = newest;
  }

  private static Map<String, String> catalogKey(IcebergSinkTables sink) {
    Map<String, String> key = new HashMap<>(sink.catalogProperties());
    key.put("\u0000name", sink.catalogName());
    return key;
  }

  @Override
  public synchronized void close() {
    for (Catalog catalog : catalogs.values()) {
      if (catalog instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          log.warn("Could not close a catalog of the commit age: error={}", e.toString());
        }
      }
    }
    catalogs.clear();
  }
}
