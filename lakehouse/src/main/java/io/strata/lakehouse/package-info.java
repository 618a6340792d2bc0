/**
 * Lands every topic in an Apache Iceberg table and serves it to analysts. Built so far: the table
 * definitions derived from the Avro schemas and the JDBC/SQLite catalog ({@link
 * io.strata.lakehouse.tables}); the Kafka to Iceberg sink, Spark SQL, maintenance and lineage views
 * are not built yet.
 */
package io.strata.lakehouse;
