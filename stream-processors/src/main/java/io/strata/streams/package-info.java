/**
 * The Kafka Streams application that derives state from the log: the dataset versioner, the
 * training trigger and billing (usage, invoices, quota blocks); not built yet.
 */
package io.strata.streams;
