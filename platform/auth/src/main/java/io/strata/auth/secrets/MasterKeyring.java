package io.strata.auth.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keys that encrypt app secrets at rest: several AES-256 keys by id, the last one listed
 * being the active one that encrypts; the others only decrypt what they encrypted before a rotation.
 *
 * <p>Format, in a key file or a config string: entries {@code id:base64key} separated by newlines or
 * commas, {@code #} starting a comment. An id is 1 to 64 characters of {@code [A-Za-z0-9._-]}; a key is
 * standard base64 of exactly 32 bytes ({@code openssl rand -base64 32}). To rotate, append a new entry
 * and keep the old ones until every secret has been re-encrypted.
 */
public final class MasterKeyring {

  private static final Logger log = LoggerFactory.getLogger(MasterKeyring.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private final Map<String, SecretKey> keys;
  private final String activeKeyId;

  private MasterKeyring(Map<String, SecretKey> keys, String activeKeyId) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.activeKeyId = activeKeyId;
  }

  /**
   * Loads the keyring from a key file that only its owner may read or write.
   *
   * @throws IllegalStateException if group or others have any permission on the file, naming the
   *     {@code chmod} that fixes it
   * @throws IllegalArgumentException if an entry is malformed (the message names the entry, never the key)
   */
  public static MasterKeyring fromFile(Path file) {
    refuseIfShared(file);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the master key file '" + file + "'", e);
    }
    MasterKeyring keyring = parse(text, "master key file '" + file + "'");
    log.info("Loaded master keyring file={} keys={} activeKeyId={}", file, keyring.keys.keySet(), keyring.activeKeyId);
    return keyring;
  }

  /**
   * Parses a keyring from a config string, e.g. {@code 2025-01:BASE64,2026-01:BASE64}.
   *
   * @throws IllegalArgumentException if an entry is malformed (the message names the entry, never the key)
   */
  public static MasterKeyring parse(String entries) {
    return parse(Objects.requireNonNull(entries, "entries"), "master key config");
  }

  private static MasterKeyring parse(String text, String source) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String active = null;
    for (MasterKeyEntry entry : MasterKeyEntry.parseAll(text, source)) {
      if (keys.putIfAbsent(entry.id(), entry.key()) != null) {
        throw new IllegalArgumentException("Master key id '" + entry.id() + "' appears twice in the " + source
            + "; give every key its own id");
      }
      active = entry.id();
    }
    if (active == null) {
      throw new IllegalArgumentException("The " + source + " holds no key; add a line 'id:base64key' with "
          + "32 random bytes, e.g. from 'openssl rand -base64 32'");
    }
    return new MasterKeyring(keys, active);
  }

  /** Id of the key that encrypts new secrets: the last one listed. */
  public String activeKeyId() {
    return activeKeyId;
  }

  /** Ids of every key that can decrypt, in the order listed. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  SecretKey activeKey() {
    return keys.get(activeKeyId);
  }

  Optional<SecretKey> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public String toString() {
    return "MasterKeyring[active=" + activeKeyId + ", keyIds=" + keys.keySet() + ", keys redacted]";
  }

  private static void refuseIfShared(Path file) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      log.warn("Cannot check who may read the master key file file={}: the file system has no POSIX "
          + "permissions; make sure only the Strata service account can read it", file);
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the master key file '" + file + "'", e);
    }
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new IllegalStateException("Master key file '" + file + "' is accessible by group or others ("
          + PosixFilePermissions.toString(permissions) + "); make it private to its owner: chmod 600 '" + file + "'");
    }
  }
}
