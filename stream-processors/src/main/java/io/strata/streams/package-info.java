/**
 * Strata's Kafka Streams applications, which derive state from the log under exactly-once: the quality review
 * and the dataset versioner today; the training trigger and billing are not built yet.
 */
package io.strata.streams;
