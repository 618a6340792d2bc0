package io.strata.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes one benchmark's results into its own section of {@code docs/BENCHMARKS.md}, replacing that
 * section's previous run and leaving the other benchmarks' sections as they are.
 */
public final class BenchmarkReport {

  private final Path file;

  public BenchmarkReport(Path file) {
    this.file = file;
  }

  /** The report at {@code docs/BENCHMARKS.md} under the repository root found from the working directory. */
  public static BenchmarkReport atRepositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".git")) && !Files.exists(dir.resolve("strata"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Run benchmarks from inside the Strata checkout (benchmarks/run does this)");
    }
    return new BenchmarkReport(dir.resolve("docs/BENCHMARKS.md"));
  }

  /**
   * Replaces the section titled {@code title} (a level-2 heading) with {@code markdown}, appending the
   * section if it is new. The date of the run and the machine's core count are stamped under the title.
   */
  public void writeSection(String title, String markdown) {
    String begin = "<!-- begin:" + title + " -->";
    String end = "<!-- end:" + title + " -->";
    String section = begin + "\n## " + title + "\n\n_Run " + LocalDate.now() + " on "
        + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version") + "._\n\n" + markdown.strip() + "\n" + end;
    try {
      String current = Files.exists(file)
          ? Files.readString(file)
          : "# Benchmarks\n\nEach section is written by its harness under `benchmarks/` (run `benchmarks/run`);"
              + " Strata and its baseline are measured in the same run.\n";
      int from = current.indexOf(begin);
      int to = current.indexOf(end);
      String updated = from >= 0 && to > from
          ? current.substring(0, from) + section + current.substring(to + end.length())
          : current.stripTrailing() + "\n\n" + section + "\n";
      Files.createDirectories(file.getParent());
      Files.writeString(file, updated);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write benchmark results to " + file, e);
    }
  }
}
