/**
 * The upload gateway's benchmark: signed image uploads from concurrent keep-alive clients against a gateway in
 * its own JVM, next to fsynced writes of the same bytes to the same disk, measured in the same run.
 */
package io.strata.benchmarks.ingest;
