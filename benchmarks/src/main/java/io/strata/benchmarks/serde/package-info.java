/**
 * Measures the Confluent wire-format serde next to plain Avro binary encoding of the same event in the same run,
 * so that the cost of the header, the registry cache and the serde plumbing shows as one percentage.
 */
package io.strata.benchmarks.serde;
