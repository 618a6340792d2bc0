/**
 * The Flink job that compares windowed feature and prediction distributions with a model's
 * reference profile and appends {@code drift-reports}; not built yet.
 */
package io.strata.drift;
