/**
 * Datasets and their versions ({@code /v1/datasets}): rules are appended to the {@code datasets} topic and read
 * back from a fold of it; versions are cut by the versioner in stream-processors and their items are read, page by
 * page, from {@code dataset-version-items} through an index of offsets, never held in memory all at once.
 */
package io.strata.registry.datasets;
