/**
 * Kafka Connect support for Strata's wire-format Avro: {@link io.strata.schemas.connect.AvroConverter} lets sink
 * connectors (the Iceberg sink) read topics as Connect {@code Struct}s and source connectors write them, and
 * {@link io.strata.schemas.connect.AvroData} translates Avro schemas and data to Connect's and back.
 */
package io.strata.schemas.connect;
