/**
 * Prometheus metrics of the Connect worker that runs the lakehouse sink, served on the worker's own REST server as
 * {@code GET /metrics} by a Connect REST extension ({@link io.strata.lakehouse.metrics.LakehouseMetricsExtension}).
 * Besides JVM and process metrics it reports the age of the newest Iceberg commit over the sink's tables, their
 * count, and the sink consumers' record lag.
 */
package io.strata.lakehouse.metrics;
