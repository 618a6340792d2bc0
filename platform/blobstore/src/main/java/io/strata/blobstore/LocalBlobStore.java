package io.strata.blobstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} in a local directory: blobs live at {@code <root>/sha256/<aa>/<hash>}, where
 * {@code aa} is the first two hex characters of the hash.
 *
 * <p>A put spools to a file in {@code <root>/tmp/} (same filesystem), fsyncs it, renames it into
 * place atomically and fsyncs the parent directory, so a blob is either absent or complete and
 * durable; a failed put deletes its spool file, and spool files left by a crash are deleted when a
 * store is constructed.
 *
 * <p>Under concurrent puts of the same bytes through one instance, exactly one reports
 * {@code created=true}, and every put returns only once the blob is durable. Across processes or
 * instances sharing a root, more than one put may report {@code created=true} for the same bytes;
 * the file is still written whole, once, with the same content, so {@code created} then means "this
 * put wrote the bytes", not "no one else did". Use one instance per root in a process.
 */
public final class LocalBlobStore implements BlobStore {

  /** Spool files older than this are leftovers of a crash: longer than any put should take. */
  public static final Duration DEFAULT_STALE_SPOOL_AGE = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(LocalBlobStore.class);
  private static final int LOCK_STRIPES = 64;

  private final Path blobs;
  private final SpoolDirectory spool;
  private final ReentrantLock[] publishLocks = new ReentrantLock[LOCK_STRIPES];

  /** Opens (creating if needed) a store at {@code root}, deleting spool files older than an hour. */
  public LocalBlobStore(Path root) throws IOException {
    this(root, Clock.systemUTC(), DEFAULT_STALE_SPOOL_AGE);
  }

  /**
   * Opens (creating if needed) a store at {@code root}, deleting spool files last modified more than
   * {@code staleSpoolAge} before {@code clock}'s now.
   */
  public LocalBlobStore(Path root, Clock clock, Duration staleSpoolAge) throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(clock, "clock");
    if (staleSpoolAge.isNegative() || staleSpoolAge.isZero()) {
      throw new IllegalArgumentException("staleSpoolAge must be positive, got " + staleSpoolAge);
    }
    this.blobs = Files.createDirectories(root.resolve("sha256"));
    this.spool = new SpoolDirectory(root.resolve("tmp"));
    for (int i = 0; i < LOCK_STRIPES; i++) {
      publishLocks[i] = new ReentrantLock();
    }
    spool.sweepStale(clock, staleSpoolAge);
  }

  @Override
  public BlobRef put(InputStream content, long maxBytes) throws IOException {
    Objects.requireNonNull(content, "content");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
    }
    Path temp = spool.newFile();
    boolean moved = false;
    try {
      HashingCopy.Result copied;
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        copied = HashingCopy.copy(content, out, maxBytes);
        out.force(true);
      }
      Path target = pathOf(copied.sha256());
      moved = publish(temp, target, copied.sha256());
      return new BlobRef(copied.sha256(), copied.sizeBytes(), target.toUri(), moved);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Moves the fsynced spool file into place unless the blob exists; true when it moved. */
  private boolean publish(Path temp, Path target, String sha256) throws IOException {
    ReentrantLock lock = publishLocks[Integer.parseInt(sha256.substring(0, 2), 16) % LOCK_STRIPES];
    // Held through the directory fsync: a concurrent put of the same bytes must not report
    // created=false for a rename that a crash could still undo.
    lock.lock();
    try {
      if (Files.exists(target)) {
        return false;
      }
      Path dir = target.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        fsyncDirectory(blobs);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      fsyncDirectory(dir);
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<BlobRef> find(String sha256) throws IOException {
    Path path = pathOf(sha256);
    try {
      return Optional.of(new BlobRef(sha256, Files.size(path), path.toUri(), false));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    try {
      return Files.newInputStream(pathOf(sha256));
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(sha256);
    }
  }

  @Override
  public boolean exists(String sha256) {
    return Files.isRegularFile(pathOf(sha256));
  }

  private Path pathOf(String sha256) {
    Sha256.requireValid(sha256);
    return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  /** Makes renames and new entries in {@code dir} durable, where the platform allows it. */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory as a channel; the rename stands unsynced.
      log.debug("Cannot fsync directory on this platform: dir={}", dir, e);
    }
  }
}
