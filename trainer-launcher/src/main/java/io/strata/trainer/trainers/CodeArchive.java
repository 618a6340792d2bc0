package io.strata.trainer.trainers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A trainer's network code: a zip or a gzip-compressed tar file, told apart by their first bytes. Entries are
 * read one at a time, so memory does not grow with the archive. An entry that is absolute, climbs out with {@code ..}, or is
 * a link or device is refused ({@link InvalidArchiveException}): extracting it could write outside the work
 * directory (zip slip).
 */
public final class CodeArchive {

  /** {@code zip} or {@code tar.gz}. */
  public enum Format {
    ZIP("zip"), TAR_GZ("tar.gz");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    /** How the format is written on events and in the API. */
    public String label() {
      return label;
    }
  }

  /** The archive is not a zip or tar.gz, or has an entry that is not safe to extract. */
  public static final class InvalidArchiveException extends Exception {
    public InvalidArchiveException(String message) {
      super(message);
    }
  }

  /** What a check found. */
  public record Summary(Format format, int files, long uncompressedBytes) {}

  /** A sink for each regular file of an archive. */
  @FunctionalInterface
  private interface FileSink {
    void accept(String name, InputStream content, boolean executable) throws IOException;
  }

  private CodeArchive() {}

  /** Checks every entry of the archive file {@code archive} without writing anything. */
  public static Summary check(Path archive) throws IOException, InvalidArchiveException {
    return walk(archive, (name, content, executable) -> content.transferTo(java.io.OutputStream.nullOutputStream()));
  }

  /**
   * Extracts the archive file {@code archive} under {@code target} (created if absent). Files keep an
   * owner-executable bit when the archive recorded one.
   */
  public static Summary extract(Path archive, Path target) throws IOException, InvalidArchiveException {
    Path root = Files.createDirectories(target).toRealPath();
    return walk(archive, (name, content, executable) -> {
      Path file = safeTarget(root, name);
      Files.createDirectories(file.getParent());
      Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
      if (executable) {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(file, permissions);
      }
    });
  }

  /**
   * The path entry {@code name} is written to under {@code root}.
   *
   * @throws IOException when it would land outside {@code root}
   */
  static Path safeTarget(Path root, String name) throws IOException {
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new UnsafeEntryException("Archive entry '" + name + "' would be written outside " + root);
    }
    Path parent = file.getParent();
    if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS) && !parent.toRealPath().startsWith(root)) {
      throw new UnsafeEntryException("Archive entry '" + name + "' would be written through a link outside " + root);
    }
    return file;
  }

  /** Refuses names that are absolute or climb out; returns the name without a leading {@code ./}. */
  static String checkName(String raw) throws InvalidArchiveException {
    String name = raw.replace('\\', '/');
    if (name.isEmpty() || name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
      throw new InvalidArchiveException("entry '" + raw + "' has an absolute or empty path; use paths relative to "
          + "the archive's root");
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw new InvalidArchiveException("entry '" + raw + "' climbs out of the archive with '..'; use paths "
            + "inside the archive's root");
      }
    }
    return name.startsWith("./") ? name.substring(2) : name;
  }

  private static Summary walk(Path file, FileSink sink) throws IOException, InvalidArchiveException {
    Format format;
    try (var in = new BufferedInputStream(Files.newInputStream(file))) {
      format = detect(in);
    }
    var counter = new long[2];
    try {
      if (format == Format.ZIP) {
        // The central directory (read by ZipFile, not by a stream) holds the unix mode: links and executable bits.
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
          var entries = zip.getEntries();
          while (entries.hasMoreElements()) {
            ZipArchiveEntry entry = entries.nextElement();
            if (entry.isUnixSymlink()) {
              throw new InvalidArchiveException("entry '" + entry.getName() + "' is a symbolic link; only regular "
                  + "files and directories are accepted");
            }
            try (InputStream content = zip.getInputStream(entry)) {
              accept(entry, (entry.getUnixMode() & 0100) != 0, content, sink, counter);
            }
          }
        }
      } else {
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(
            Files.newInputStream(file))))) {
          TarArchiveEntry entry;
          while ((entry = tar.getNextEntry()) != null) {
            if (entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice()
                || entry.isFIFO()) {
              throw new InvalidArchiveException("entry '" + entry.getName() + "' is a link or special file; only "
                  + "regular files and directories are accepted");
            }
            accept(entry, (entry.getMode() & 0100) != 0, tar, sink, counter);
          }
        }
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new InvalidArchiveException("the " + format.label() + " archive is damaged: " + e.getMessage());
    } catch (UnsafeEntryException e) {
      throw new InvalidArchiveException(e.getMessage());
    } catch (java.nio.file.FileSystemException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidArchiveException("the " + format.label() + " archive cannot be read: " + e.getMessage());
    }
    if (counter[0] == 0) {
      throw new InvalidArchiveException("the " + format.label() + " archive holds no files");
    }
    return new Summary(format, (int) counter[0], counter[1]);
  }

  private static void accept(ArchiveEntry entry, boolean executable, InputStream content, FileSink sink,
      long[] counter) throws IOException, InvalidArchiveException {
    String name = checkName(entry.getName());
    if (entry.isDirectory() || name.isEmpty()) {
      return;
    }
    var counting = new CountingInputStream(content);
    sink.accept(name, counting, executable);
    counter[0]++;
    counter[1] += counting.count();
  }

  /** An entry would be written outside the target. */
  private static final class UnsafeEntryException extends IOException {
    UnsafeEntryException(String message) {
      super(message);
    }
  }

  /** The format of the stream by its magic bytes; the stream is reset to its start. */
  static Format detect(BufferedInputStream in) throws IOException, InvalidArchiveException {
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
      return Format.ZIP;
    }
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return Format.TAR_GZ;
    }
    throw new InvalidArchiveException("the code is neither a zip nor a tar.gz archive; upload the network code as "
        + "one of those");
  }

  /** Counts the bytes read through it; does not close the archive stream under it. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public void close() {
      // The archive stream is closed by the walk.
    }

    long count() {
      return count;
    }
  }
}
