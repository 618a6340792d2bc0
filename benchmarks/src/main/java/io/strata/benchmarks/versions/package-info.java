/**
 * The version-cut benchmark: the real dataset versioner cutting a version of many labelled samples, next to a
 * plain Kafka consumer reading the same version's items, in the same run. It writes its table into
 * {@code docs/BENCHMARKS.md}.
 */
package io.strata.benchmarks.versions;
