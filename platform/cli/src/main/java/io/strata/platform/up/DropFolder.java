package io.strata.platform.up;

import io.strata.ingest.dropfolder.DropFolderConnectorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The drop folder {@code up} watches: images put into {@code <data-dir>/drop/default/} become samples of the
 * {@code default} tenant, through the drop-folder source connector in the lakehouse sink's Connect worker.
 */
final class DropFolder {

  /** The connector's name; samples record {@code source = drop-folder:drop-folder-default}. */
  static final String CONNECTOR = "drop-folder-default";

  private DropFolder() {
  }

  /** The folder of {@link DefaultApp#TENANT}. */
  static Path directory(UpSettings settings) {
    return settings.dataDirectory().resolve("drop").resolve(DefaultApp.TENANT);
  }

  /** Writes the connector's configuration under {@code <data-dir>/connect/} and returns the file. */
  static Path writeConfig(UpSettings settings, String registryUrl) {
    var config = DropFolderConnectorConfig.forDirectory(CONNECTOR, DefaultApp.TENANT, directory(settings),
        settings.blobDirectory().toString(), registryUrl);
    Path file = settings.dataDirectory().resolve("connect").resolve(CONNECTOR + ".properties");
    try {
      Files.createDirectories(file.getParent());
      Files.createDirectories(directory(settings));
      var properties = new Properties();
      properties.putAll(config);
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(out, "Written by strata up at every start");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the drop-folder connector's configuration " + file, e);
    }
  }
}
