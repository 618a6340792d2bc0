package io.strata.registry.datasets;

import io.strata.events.ClassSplitCount;
import io.strata.events.VersionCut;
import java.time.Instant;
import java.util.List;

/**
 * One cut version of a dataset, as the versioner's {@code VERSION_CUT} reported it.
 *
 * @param version 1, 2, ... per dataset
 * @param contentHash SHA-256 over the ordered items; equal for equal content
 * @param itemCount how many items the version has on {@code dataset-version-items}
 * @param counts items per class and split
 * @param requestId the request it answered, or null
 * @param asOf the state "as of" this time (the request's log-append time), or null
 * @param cutAt when the cut was appended
 */
record VersionInfo(int version, String contentHash, long itemCount, List<ClassSplitCount> counts, String requestId,
    Instant asOf, Instant cutAt) {

  VersionInfo {
    counts = List.copyOf(counts);
  }

  static VersionInfo of(VersionCut cut, Instant cutAt) {
    return new VersionInfo(cut.getVersion(), cut.getContentHash(), cut.getItemCount(), cut.getCounts(),
        cut.getRequestId(), cut.getAsOf(), cutAt);
  }
}
