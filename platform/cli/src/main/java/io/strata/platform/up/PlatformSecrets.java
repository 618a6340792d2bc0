package io.strata.platform.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's admin token and the master keys that encrypt app secrets, in {@code <data-dir>/secrets/}
 * (mode 700, each file 600). Created on the first start and never overwritten afterwards: a new master key
 * would make every stored app secret unreadable.
 *
 * @param adminTokenFile 32 random bytes as URL-safe base64 without padding, on one line
 * @param masterKeyFile a {@code MasterKeyring} file: one {@code id:base64key} line with a fresh AES-256 key
 */
public record PlatformSecrets(Path adminTokenFile, Path masterKeyFile) {

  /** Registry property naming the admin token file. */
  public static final String ADMIN_TOKEN_FILE_PROPERTY = "strata.admin.token-file";
  /** Registry property naming the master key file. */
  public static final String MASTER_KEY_FILE_PROPERTY = "strata.secrets.master-key-file";
  private static final Logger log = LoggerFactory.getLogger(PlatformSecrets.class);
  static final String DIRECTORY = "secrets";
  static final String FIRST_KEY_ID = "key-1";
  private static final int RANDOM_BYTES = 32;

  /** Where the admin token of the platform started in {@code dataDirectory} is (it may not exist yet). */
  public static Path adminTokenFile(Path dataDirectory) {
    return dataDirectory.resolve(DIRECTORY).resolve("admin-token");
  }

  static Path masterKeyFile(Path dataDirectory) {
    return dataDirectory.resolve(DIRECTORY).resolve("master.keys");
  }

  /** The secrets of {@code dataDirectory}, each created from {@code random} only if missing. */
  public static PlatformSecrets ensure(Path dataDirectory, SecureRandom random) {
    var secrets = new PlatformSecrets(adminTokenFile(dataDirectory), masterKeyFile(dataDirectory));
    createPrivateDirectory(secrets.adminTokenFile.getParent());
    createIfMissing(secrets.adminTokenFile, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random)) + "\n");
    createIfMissing(secrets.masterKeyFile, "# Master keys of Strata's app secrets; the last line encrypts. Keep every line.\n"
        + FIRST_KEY_ID + ":" + Base64.getEncoder().encodeToString(bytes(random)) + "\n");
    return secrets;
  }

  /** The admin token, as the registry reads it. */
  public String adminToken() {
    try {
      return Files.readString(adminTokenFile, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the admin token file " + adminTokenFile + "; check that you may read it", e);
    }
  }

  /** What the registry needs to run the control plane. */
  public Map<String, Object> registryProperties() {
    return Map.of(ADMIN_TOKEN_FILE_PROPERTY, adminTokenFile.toString(), MASTER_KEY_FILE_PROPERTY, masterKeyFile.toString());
  }

  private static byte[] bytes(SecureRandom random) {
    var bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void createPrivateDirectory(Path directory) {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory.getParent());
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (FileAlreadyExistsException e) {
      requireDirectory(directory, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + directory + "; check that the data directory is writable", e);
    }
  }

  private static void requireDirectory(Path directory, FileAlreadyExistsException e) {
    if (!Files.isDirectory(directory)) {
      throw new UncheckedIOException(directory + " exists but is not a directory; move it away and start again", e);
    }
  }

  /**
   * Writes a private temporary file, then moves it into place without replacing: a file that exists (or that
   * another process created meanwhile) is kept.
   */
  static void createIfMissing(Path file, String content) {
    if (Files.exists(file)) {
      return;
    }
    Path temporary = null;
    try {
      temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      Files.move(temporary, file);
    } catch (FileAlreadyExistsException e) {
      // Another start created it first; theirs is kept (ours is removed below).
      log.debug("Kept the secret file another start created file={}", file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the secret file " + file + "; check that the data directory is writable", e);
    } finally {
      deleteTemporary(temporary);
    }
  }

  private static void deleteTemporary(Path temporary) {
    if (temporary == null) {
      return;
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the temporary file " + temporary + "; delete it by hand", e);
    }
  }
}
