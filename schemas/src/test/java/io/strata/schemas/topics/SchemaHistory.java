package io.strata.schemas.topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The released versions of each topic's value schema, kept under
 * {@code schemas/src/main/avro/history/<topic>/v<N>.avsc} as standalone schemas (shared types inlined).
 *
 * <p>At a release, record the current schemas with
 * {@code mvn -B -q -pl schemas test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.strata.schemas.topics.SchemaHistory}: it appends a version for every topic whose
 * schema differs from its latest released one.
 */
public final class SchemaHistory {

  static final Path ROOT = locateRoot();

  private SchemaHistory() {}

  /** Released schemas of {@code topic}, oldest first; empty when the topic was never released. */
  static List<Schema> released(Topic<?, ?> topic) {
    Path dir = ROOT.resolve(topic.name());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Schema> schemas = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
          .sorted(Comparator.comparingInt(SchemaHistory::versionOf)).toList()) {
        schemas.add(new Schema.Parser().parse(file.toFile()));
      }
      return schemas;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read released schemas of topic '" + topic.name() + "' from " + dir, e);
    }
  }

  /** The schema the build generated classes from. */
  static Schema current(Topic<?, ?> topic) {
    return SpecificData.get().getSchema(topic.valueType());
  }

  public static void main(String[] args) throws IOException {
    for (Topic<?, ?> topic : Topics.avro()) {
      List<Schema> released = released(topic);
      Schema current = current(topic);
      if (!released.isEmpty() && released.get(released.size() - 1).equals(current)) {
        continue;
      }
      Path file = ROOT.resolve(topic.name()).resolve("v" + (released.size() + 1) + ".avsc");
      Files.createDirectories(file.getParent());
      Files.writeString(file, current.toString(true) + "\n");
      System.out.println("released " + file);
    }
  }

  private static int versionOf(Path file) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
  }

  private static Path locateRoot() {
    Path moduleDir = Path.of("").toAbsolutePath();
    Path candidate = moduleDir.resolve("src/main/avro/history");
    return Files.isDirectory(candidate) ? candidate : moduleDir.resolve("schemas/src/main/avro/history");
  }
}
