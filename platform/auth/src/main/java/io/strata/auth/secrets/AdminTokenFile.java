package io.strata.auth.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The operator's admin token kept in a file: the services that accept it (registry, trainer launcher) read it the
 * same way, refusing a file that group or others can read and an empty one.
 */
public final class AdminTokenFile {

  private AdminTokenFile() {}

  /**
   * The token in {@code file}, stripped.
   *
   * @param setting the setting that named the file, for the error messages
   * @throws IllegalArgumentException when the file is accessible by group or others, or empty
   * @throws UncheckedIOException when it cannot be read
   */
  public static String read(Path file, String setting) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        throw new IllegalArgumentException("Invalid " + setting + " '" + file + "': it is accessible by "
            + "group or others (" + PosixFilePermissions.toString(permissions) + "); run chmod 600 '" + file + "'");
      }
    } catch (UnsupportedOperationException e) {
      // No POSIX permissions on this file system: nothing to check.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + setting + " '" + file + "'", e);
    }
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("Invalid " + setting + " '" + file + "': the file is empty; "
            + "write a random token into it, e.g. 'openssl rand -hex 32'");
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + setting + " '" + file + "'", e);
    }
  }
}
