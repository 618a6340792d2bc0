package io.strata.ingest.dropfolder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells which listed files may be read: those whose size and modification time have not changed for the stable
 * period, measured from when this tracker first saw them so (a writer still appending changes one or the other).
 * Pure: the caller passes the time. Forgets files that are no longer listed.
 */
final class StableFiles {

  private record Seen(long size, long modifiedMillis, long sinceMillis) {}

  private final long stableMillis;
  private final Map<String, Seen> seen = new HashMap<>();

  StableFiles(long stableMillis) {
    this.stableMillis = stableMillis;
  }

  /** The files of {@code listing} that have been unchanged for the stable period at {@code nowMillis}. */
  List<DroppedFile> stable(List<DroppedFile> listing, long nowMillis) {
    var current = new HashMap<String, Seen>();
    var ready = new ArrayList<DroppedFile>();
    for (DroppedFile file : listing) {
      Seen before = seen.get(file.name());
      Seen now = before != null && file.sameAs(before.size(), before.modifiedMillis()) ? before
          : new Seen(file.size(), file.modifiedMillis(), nowMillis);
      current.put(file.name(), now);
      if (nowMillis - now.sinceMillis() >= stableMillis) {
        ready.add(file);
      }
    }
    seen.clear();
    seen.putAll(current);
    return ready;
  }
}
