/**
 * The drift monitor: a Flink job that folds the {@code predictions} of each model version into event-time windows,
 * compares each window's feature and class distributions with the version's reference profile (from the
 * {@code models} topic), and writes a {@code drift-reports} record per window (at least once, with a stable eventId per window).
 */
package io.strata.drift;
