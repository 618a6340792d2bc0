/**
 * A Confluent-compatible schema registry (Avro) whose only state is the compacted {@code _schemas} topic.
 * Every instance folds that topic into the same view, so several instances agree without an election; see
 * {@code docs/schema-registry-storage.md} for the record layout and why replay survives compaction.
 */
package io.strata.registry.schemas;
