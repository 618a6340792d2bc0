/**
 * What the stream processors share about their own state: the binary format of the records they keep in state
 * stores and send through repartition topics. Public topics use Avro; these records never leave a processor.
 */
package io.strata.streams.state;
