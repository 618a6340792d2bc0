/**
 * The dataset versioner: a Kafka Streams application that keeps each sample's labelled state and cuts immutable,
 * reproducible dataset versions on request (items on {@code dataset-version-items}, the cut on {@code datasets}).
 *
 * <p><b>Partitioning (scatter/gather).</b> {@code samples} and {@code labels} are both keyed by sampleId with the
 * same partition count, so task <i>i</i> of the slice sub-topology owns partition <i>i</i> of both and keeps every
 * one of its samples' state in the {@value io.strata.streams.datasets.DatasetVersioner#SAMPLE_STORE} store (key
 * {@code tenantId NUL sampleId}, so one tenant's samples are one sorted prefix). {@code datasets} is keyed by
 * datasetId: its processor keeps the definitions and version counters in
 * {@value io.strata.streams.datasets.DatasetVersioner#DATASET_STORE}, numbers each request (previous + 1) and
 * scatters one cut marker to every slice through the {@code cut-markers} repartition topic (a partitioner sends
 * marker <i>i</i> to partition <i>i</i>). Each slice emits its members as items and a partial summary (counts, an
 * additive hash) through {@code slice-summaries}, keyed {@code datasetId/version}; the assembler
 * ({@value io.strata.streams.datasets.DatasetVersioner#CUT_STORE}) appends the {@code VERSION_CUT} once every slice
 * has answered. Samples never move between partitions, so nothing per sample is repartitioned.
 *
 * <p><b>Determinism.</b> A version is the state "as of" the request's log-append time T: each sample keeps its
 * whole history of states with the time of the event that made them, and a cut reads, per sample, the last state
 * made by an event strictly older than T. A marker carries T as its record timestamp, and Kafka Streams processes
 * a task's partitions in timestamp order, so every event older than T is in the store when the marker is handled;
 * newer events that a live run already applied are skipped by the as-of rule. Event ids, times and hashes of
 * the output derive only from the input, so a fresh application replaying the log appends the same versions.
 */
package io.strata.streams.datasets;
