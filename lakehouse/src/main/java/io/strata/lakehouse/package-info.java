/**
 * Lands every topic in an Apache Iceberg table and serves it to analysts: table definitions derived
 * from the Avro schemas, the Kafka to Iceberg sink configuration, Spark SQL, maintenance and lineage
 * views; not built yet.
 */
package io.strata.lakehouse;
