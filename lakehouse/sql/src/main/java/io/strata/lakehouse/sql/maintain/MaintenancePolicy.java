package io.strata.lakehouse.sql.maintain;

import java.time.Duration;

/**
 * The limits of one maintenance run, validated when built.
 *
 * @param minInputFiles a partition is compacted only when it has at least this many files
 * @param targetFileSizeBytes the size compaction aims at
 * @param expireSnapshotsOlderThan snapshots older than this are expired...
 * @param retainLastSnapshots ...but at least this many of the newest are always kept (time travel, readers)
 * @param orphanFilesOlderThan files no snapshot references are deleted once older than this; keep it well
 *     above the longest write (a writer's uncommitted files look orphaned until its commit)
 * @param dryRun report what would be removed or rewritten, change nothing
 */
public record MaintenancePolicy(int minInputFiles, long targetFileSizeBytes, Duration expireSnapshotsOlderThan,
    int retainLastSnapshots, Duration orphanFilesOlderThan, boolean dryRun) {

  /** Iceberg refuses nothing shorter, but a shorter window deletes files a running sink is still writing. */
  static final Duration MIN_ORPHAN_AGE = Duration.ofHours(1);

  /** Compaction from 5 files to 128 MiB files, snapshots kept 5 days (at least 10), orphans after 3 days. */
  public static final MaintenancePolicy DEFAULT = new MaintenancePolicy(5, 128L * 1024 * 1024, Duration.ofDays(5),
      10, Duration.ofDays(3), false);

  public MaintenancePolicy {
    if (minInputFiles < 2) {
      throw new IllegalArgumentException("--min-input-files must be at least 2 (compacting one file changes nothing), got "
          + minInputFiles);
    }
    if (targetFileSizeBytes < 1024 * 1024) {
      throw new IllegalArgumentException("--target-file-size must be at least 1 MiB, got " + targetFileSizeBytes);
    }
    if (retainLastSnapshots < 1) {
      throw new IllegalArgumentException("--retain-last must be at least 1 (the current snapshot), got "
          + retainLastSnapshots);
    }
    if (expireSnapshotsOlderThan.isNegative()) {
      throw new IllegalArgumentException("--expire-older-than must not be negative, got " + expireSnapshotsOlderThan);
    }
    if (orphanFilesOlderThan.compareTo(MIN_ORPHAN_AGE) < 0) {
      throw new IllegalArgumentException("--orphan-older-than must be at least " + MIN_ORPHAN_AGE.toHours()
          + "h: younger files may belong to a commit in progress; got " + orphanFilesOlderThan);
    }
  }
}
