package io.strata.ingest.dropfolder;

import java.util.Map;
import java.util.Optional;

/**
 * What the task decided about one file, as kept in Connect's offset storage under the source partition
 * {@code {location, file}}: the size and modification time it had (so that a new file under the same name is
 * told from the old one), whether it was accepted, and the refusal message of a rejected one (so that a restart
 * after the commit but before the move can still write its {@code .reason.txt}).
 */
record FileOutcome(long size, long modifiedMillis, boolean accepted, String reason) {

  static Map<String, Object> partition(String location, String file) {
    return Map.of("location", location, "file", file);
  }

  Map<String, Object> offset() {
    return Map.of("size", size, "modified", modifiedMillis, "outcome", accepted ? "accepted" : "rejected",
        "reason", reason == null ? "" : reason);
  }

  /** The outcome an offset records, if it is one of this connector's. */
  static Optional<FileOutcome> of(Map<String, Object> offset) {
    if (offset == null || !(offset.get("size") instanceof Number size)
        || !(offset.get("modified") instanceof Number modified)) {
      return Optional.empty();
    }
    return Optional.of(new FileOutcome(size.longValue(), modified.longValue(),
        "accepted".equals(offset.get("outcome")), String.valueOf(offset.getOrDefault("reason", ""))));
  }

  /** Whether this outcome was recorded for the file as it is listed now. */
  boolean isFor(DroppedFile file) {
    return file.sameAs(size, modifiedMillis);
  }
}
