package io.strata.streams.datasets;

/**
 * The request to one slice (sample partition) to cut its part of a version.
 *
 * @param dataset the dataset's rule when the version was requested
 * @param version the version number
 * @param requestId the request's id
 * @param requestEventId the request event's id (the items' causation)
 * @param asOf the request's log-append time: the cut reads the state as of it
 * @param slice the partition this marker is for
 * @param slices how many slices answer
 */
public record CutMarker(DatasetDefinition dataset, int version, String requestId, String requestEventId, long asOf,
    int slice, int slices) {
}
