package io.strata.streams.datasets;

/**
 * A dataset as the versioner's datasets store keeps it.
 *
 * @param definition its current rule
 * @param lastVersion the last version number given out (0 before the first)
 */
public record DatasetRecord(DatasetDefinition definition, int lastVersion) {
}
