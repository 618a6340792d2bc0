/**
 * The drop-folder / bucket source connector: a Kafka Connect source that turns image files dropped into a
 * directory or an S3 prefix into {@code samples} events, judged exactly like an HTTP upload. Files are read once
 * their size and modification time have been stable for a while, and each file's outcome is kept in Connect's
 * offset storage, so a restarted task neither skips nor repeats a file.
 */
package io.strata.ingest.dropfolder;
