package io.strata.ingest.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Where an import's files come from: a directory (walked in path order), a {@code .zip}, or a {@code .tar},
 * {@code .tar.gz} or {@code .tgz}. Each {@link #forEach} reads the container again from the start, so that a
 * sequential tar can be read twice (annotations first, then images) without holding it in memory. Hidden files and
 * macOS metadata ({@code __MACOSX/}, {@code ._*}) are skipped.
 */
public sealed interface ImportSource {

  /** Calls {@code visitor} for every regular file, in the container's order. */
  void forEach(EntryVisitor visitor) throws IOException;

  /** The path given. */
  Path path();

  /**
   * The source for {@code path}, by its kind (a directory) or its name's ending.
   *
   * @throws IllegalArgumentException when it is missing or neither a directory nor a supported archive
   */
  static ImportSource of(Path path) {
    if (Files.isDirectory(path)) {
      return new Directory(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("No such directory or archive: " + path);
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".zip")) {
      return new Zip(path);
    }
    if (name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return new Tar(path, !name.endsWith(".tar"));
    }
    throw new IllegalArgumentException("Cannot import " + path + ": give a directory, a .zip, or a .tar, .tar.gz "
        + "or .tgz archive");
  }

  /** A directory tree; symbolic links are not followed. */
  record Directory(Path path) implements ImportSource {
    @Override
    public void forEach(EntryVisitor visitor) throws IOException {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        String relative = path.relativize(file).toString().replace('\\', '/');
        if (!skipped(relative)) {
          try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            visitor.visit(relative, Files.size(file), in);
          }
        }
      }
    }
  }

  /** A zip file, read through its central directory. */
  record Zip(Path path) implements ImportSource {
    @Override
    public void forEach(EntryVisitor visitor) throws IOException {
      try (var zip = new ZipFile(path.toFile())) {
        var entries = new ArrayList<ZipEntry>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
          entries.add(e.nextElement());
        }
        for (ZipEntry entry : entries) {
          String name = normalized(entry.getName());
          if (!entry.isDirectory() && !skipped(name)) {
            try (InputStream in = zip.getInputStream(entry)) {
              visitor.visit(name, entry.getSize(), in);
            }
          }
        }
      }
    }
  }

  /** A tar file, gzipped or not, read sequentially. */
  record Tar(Path path, boolean gzipped) implements ImportSource {
    @Override
    public void forEach(EntryVisitor visitor) throws IOException {
      try (InputStream file = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
          InputStream raw = gzipped ? new GzipCompressorInputStream(file, true) : file;
          var tar = new TarArchiveInputStream(raw)) {
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
          String name = normalized(entry.getName());
          if (entry.isFile() && !skipped(name)) {
            visitor.visit(name, entry.getSize(), new NonClosing(tar));
          }
        }
      }
    }
  }

  private static String normalized(String name) {
    String n = name.replace('\\', '/');
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.startsWith("./") ? 2 : 1);
    }
    return n;
  }

  private static boolean skipped(String path) {
    if (path.startsWith("__MACOSX/")) {
      return true;
    }
    for (String part : path.split("/")) {
      if (part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** The current tar entry's bytes; closing it leaves the archive open for the next entry. */
  final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the tar stream is closed by its owner
    }
  }
}
