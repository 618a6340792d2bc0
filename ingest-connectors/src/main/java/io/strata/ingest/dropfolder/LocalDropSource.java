package io.strata.ingest.dropfolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A local directory; subdirectories are not watched. Moves are atomic renames within the directory. */
final class LocalDropSource implements DropSource {

  private final Path directory;

  LocalDropSource(Path directory) throws IOException {
    this.directory = directory.toAbsolutePath().normalize();
    Files.createDirectories(this.directory);
  }

  @Override
  public List<DroppedFile> list() throws IOException {
    var files = new ArrayList<DroppedFile>();
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path path : (Iterable<Path>) entries::iterator) {
        String name = path.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          continue;
        }
        if (attributes.isRegularFile()) {
          files.add(new DroppedFile(name, attributes.size(), attributes.lastModifiedTime().toMillis()));
        }
      }
    }
    return files;
  }

  @Override
  public InputStream open(DroppedFile file) throws IOException {
    return Files.newInputStream(directory.resolve(file.name()));
  }

  @Override
  public void moveTo(DroppedFile file, String folder) throws IOException {
    Path target = Files.createDirectories(directory.resolve(folder)).resolve(file.name());
    try {
      Files.move(directory.resolve(file.name()), target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      // Moved already (before a restart); the offsets say it was handled.
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(directory.resolve(file.name()), target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void writeReason(DroppedFile file, String folder, String reason) throws IOException {
    Path target = Files.createDirectories(directory.resolve(folder)).resolve(file.name() + ".reason.txt");
    Files.writeString(target, reason + System.lineSeparator(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    // Nothing held open.
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
