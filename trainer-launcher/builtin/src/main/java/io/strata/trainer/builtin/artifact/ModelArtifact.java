package io.strata.trainer.builtin.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the artifact zip: {@code model.json} first, then the parameter file under the entry name
 * {@code model.json} names. Entry times are fixed, so the same model gives the same bytes (and SHA-256).
 */
public final class ModelArtifact {

  /** The name of the description entry. */
  public static final String MODEL_JSON = "model.json";

  private static final FileTime FIXED_TIME = FileTime.fromMillis(315_532_800_000L);

  private ModelArtifact() {}

  /** Writes {@code description} and {@code parameters} into the zip {@code target}; returns {@code target}. */
  public static Path write(Path target, ModelDescription description, Path parameters) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    try (OutputStream file = Files.newOutputStream(target); var zip = new ZipOutputStream(file)) {
      zip.putNextEntry(entry(MODEL_JSON));
      zip.write(description.toJsonText().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(entry(description.parametersEntry()));
      Files.copy(parameters, zip);
      zip.closeEntry();
    }
    return target;
  }

  private static ZipEntry entry(String name) {
    ZipEntry entry = new ZipEntry(name);
    entry.setLastModifiedTime(FIXED_TIME);
    entry.setTime(FIXED_TIME.toMillis());
    return entry;
  }
}
