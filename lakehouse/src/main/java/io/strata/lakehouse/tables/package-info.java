/**
 * One Iceberg table per Avro topic, its schema derived from the topic's Avro value schema plus Kafka
 * metadata columns, partitioned by day of {@code occurredAt} (and tenant on the high-volume topics).
 * {@link io.strata.lakehouse.tables.LakehouseTables#ensure} creates missing tables and adds the
 * columns a topic's schema gained, and {@link io.strata.lakehouse.tables.Catalogs} opens the embedded
 * JDBC catalog on SQLite.
 */
package io.strata.lakehouse.tables;
