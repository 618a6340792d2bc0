package io.strata.blobstore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The directory where puts spool content before it is named; on the same filesystem as the blobs. */
final class SpoolDirectory {

  private static final Logger log = LoggerFactory.getLogger(SpoolDirectory.class);

  private final Path dir;

  SpoolDirectory(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  Path newFile() throws IOException {
    return Files.createTempFile(dir, "put-", ".tmp");
  }

  /**
   * Deletes spool files last modified before {@code clock.instant() - staleAfter}: leftovers of puts
   * that a crash interrupted. {@code staleAfter} must exceed the longest put, since another process
   * sharing the root may still be writing a younger file.
   */
  int sweepStale(Clock clock, Duration staleAfter) throws IOException {
    Instant cutoff = clock.instant().minus(staleAfter);
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    }
    if (deleted > 0) {
      log.info("Deleted stale spool files left by interrupted puts: dir={} count={} olderThan={}",
          dir, deleted, staleAfter);
    }
    return deleted;
  }
}
