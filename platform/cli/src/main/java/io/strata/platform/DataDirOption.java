package io.strata.platform;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command takes (flag, then {@code STRATA_DATA_DIR}, then {@code ./strata-data}). */
public final class DataDirOption {

  /** Used when neither the flag nor the environment variable gives a directory. */
  public static final String DEFAULT = "./strata-data";

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where Strata keeps its data, logs and runtime file; env STRATA_DATA_DIR, default " + DEFAULT)
  String dataDir;

  /** The data directory, resolved against the environment and made absolute. */
  public Path resolve(Environment environment) {
    return Path.of(environment.resolve(dataDir, Environment.DATA_DIR, DEFAULT)).toAbsolutePath().normalize();
  }
}
