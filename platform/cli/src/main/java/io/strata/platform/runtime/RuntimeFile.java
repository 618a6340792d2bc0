package io.strata.platform.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code <data-dir>/strata.json}: which components a running {@code strata up} started and where they
 * listen, so that {@code strata status} in another terminal can find them. Written once everything is up,
 * deleted on a clean shutdown.
 */
public final class RuntimeFile {

  /** The file name inside the data directory. */
  public static final String NAME = "strata.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public RuntimeFile(Path dataDirectory) {
    this.file = dataDirectory.resolve(NAME);
  }

  /** The file's content. */
  public record Content(long pid, Instant startedAt, List<Component> components) {
    public Content {
      components = List.copyOf(components);
    }
  }

  public Path path() {
    return file;
  }

  /** Replaces the file atomically, so a reader never sees half of it. */
  public void write(List<Component> components) {
    var content = new Content(ProcessHandle.current().pid(), Instant.now(), components);
    try {
      Files.createDirectories(file.getParent());
      var temporary = file.resolveSibling(NAME + ".tmp");
      Files.writeString(temporary, JSON.writeValueAsString(new Stored(content)));
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the runtime file " + file + "; check that the data directory is writable", e);
    }
  }

  /** The content, or empty when no {@code strata up} has written the file (or it stopped cleanly). */
  public Optional<Content> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Stored.class).toContent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the runtime file " + file + " (" + e.getMessage()
          + "); delete it and run ./strata up again", e);
    }
  }

  /** The URL of component {@code name} of the running {@code up}, if one runs and has it. */
  public Optional<String> url(String name) {
    return read().flatMap(content -> content.components().stream().filter(c -> c.name().equals(name)).findFirst())
        .map(Component::url);
  }

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the runtime file " + file, e);
    }
  }

  /** The JSON form: the instant as ISO-8601 text, so no Java time module is needed. */
  record Stored(long pid, String startedAt, List<Component> components) {
    Stored(Content content) {
      this(content.pid(), content.startedAt().toString(), content.components());
    }

    Content toContent() {
      return new Content(pid, Instant.parse(startedAt), components == null ? List.of() : components);
    }
  }
}
