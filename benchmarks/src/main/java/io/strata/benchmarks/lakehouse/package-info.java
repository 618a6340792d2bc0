/**
 * The lakehouse sink benchmark: sustained events per second from a topic into committed Iceberg rows next to a
 * plain Kafka consumer on the same topic, and produce-to-visible freshness at a steady load.
 */
package io.strata.benchmarks.lakehouse;
