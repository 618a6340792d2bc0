/**
 * Kafka to Iceberg: an in-process Kafka Connect worker ({@link io.strata.lakehouse.sink.LakehouseSinkWorker})
 * running Apache Iceberg's sink connector with Strata's Avro converter, one table per topic, exactly once.
 * {@link io.strata.lakehouse.sink.SinkConnectorConfig} is the connector configuration, the same for the
 * standalone worker and a distributed Connect cluster.
 */
package io.strata.lakehouse.sink;
