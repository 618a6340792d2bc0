package io.strata.ingest.dropfolder;

import java.util.Objects;

/**
 * A file as the last listing saw it.
 *
 * @param name its name relative to the watched folder or prefix
 * @param size its size in bytes
 * @param modifiedMillis its last-modified time (an S3 object's LastModified)
 */
record DroppedFile(String name, long size, long modifiedMillis) {

  DroppedFile {
    Objects.requireNonNull(name, "name");
  }

  /** Whether this listing shows the same file, unchanged, as {@code other}. */
  boolean sameAs(long otherSize, long otherModified) {
    return size == otherSize && modifiedMillis == otherModified;
  }
}
