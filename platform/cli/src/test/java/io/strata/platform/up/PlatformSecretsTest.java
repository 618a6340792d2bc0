package io.strata.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.auth.secrets.MasterKeyring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSecretsTest {

  @TempDir
  Path dataDir;

  @Test
  void shouldCreateAPrivateAdminTokenAndMasterKeyOnFirstStart() throws IOException {
    var secrets = PlatformSecrets.ensure(dataDir, new SecureRandom());

    assertThat(secrets.adminTokenFile()).isEqualTo(dataDir.resolve("secrets/admin-token"));
    assertThat(permissions(dataDir.resolve("secrets"))).isEqualTo("rwx------");
    assertThat(permissions(secrets.adminTokenFile())).isEqualTo("rw-------");
    assertThat(permissions(secrets.masterKeyFile())).isEqualTo("rw-------");
    assertThat(Files.readString(secrets.adminTokenFile()).trim()).matches("[A-Za-z0-9_-]{43}");
    var keyring = MasterKeyring.fromFile(secrets.masterKeyFile());
    assertThat(keyring.keyIds()).containsExactly(PlatformSecrets.FIRST_KEY_ID);
    assertThat(dataDir.resolve("secrets")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void shouldKeepBothFilesAcrossRestarts() throws IOException {
    var first = PlatformSecrets.ensure(dataDir, new SecureRandom());
    var token = Files.readString(first.adminTokenFile());
    var keys = Files.readString(first.masterKeyFile());

    var second = PlatformSecrets.ensure(dataDir, new SecureRandom());

    assertThat(second).isEqualTo(first);
    assertThat(Files.readString(second.adminTokenFile())).isEqualTo(token);
    assertThat(Files.readString(second.masterKeyFile())).isEqualTo(keys);
  }

  @Test
  void shouldNeverOverwriteAFileTheOperatorWrote() throws IOException {
    Files.createDirectories(dataDir.resolve("secrets"));
    var ownToken = dataDir.resolve("secrets/admin-token");
    Files.writeString(ownToken, "operator-chosen-token\n");

    PlatformSecrets.ensure(dataDir, new SecureRandom());

    assertThat(ownToken).hasContent("operator-chosen-token");
    assertThat(PlatformSecrets.masterKeyFile(dataDir)).exists();
  }

  @Test
  void shouldNameBothFilesForTheRegistry() {
    var secrets = PlatformSecrets.ensure(dataDir, new SecureRandom());

    assertThat(secrets.registryProperties())
        .containsEntry(PlatformSecrets.ADMIN_TOKEN_FILE_PROPERTY, secrets.adminTokenFile().toString())
        .containsEntry(PlatformSecrets.MASTER_KEY_FILE_PROPERTY, secrets.masterKeyFile().toString());
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
