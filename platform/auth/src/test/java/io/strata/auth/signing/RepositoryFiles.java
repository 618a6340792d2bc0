package io.strata.auth.signing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the checkout outside this module, found from the working directory upwards. */
final class RepositoryFiles {

  private RepositoryFiles() {}

  static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("No " + relative + " above " + Path.of("").toAbsolutePath());
  }
}
