/**
 * The drift measures, pure functions of a window's binned counts and the reference profile: population stability
 * index, Kolmogorov-Smirnov distance of the binned distributions, and the severity they add up to.
 */
package io.strata.drift.stats;
