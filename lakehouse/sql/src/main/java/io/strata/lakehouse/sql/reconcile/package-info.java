/**
 * Reconciliation of each topic with its lakehouse table: per topic-partition, every record offset the topic
 * holds must be exactly one row of the table ({@code _kafka_partition}, {@code _kafka_offset}). Gaps,
 * duplicates and rows the topic never had are reported; {@code strata reconcile} exits non-zero on any.
 */
package io.strata.lakehouse.sql.reconcile;
