/**
 * Where Strata's stream processors put records they cannot read or process: the {@code dead-letters} topic,
 * with the original bytes and the reason, written in the same transaction as the processor's progress.
 */
package io.strata.streams.deadletters;
