package io.strata.auth.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

  @TempDir
  Path dir;

  @Test
  void shouldReadTheStrippedTokenOfAFilePrivateToItsOwner() throws Exception {
    Path file = write("  s3cret-token\n", "rw-------");
    assertThat(AdminTokenFile.read(file, "strata.admin.token-file")).isEqualTo("s3cret-token");
  }

  @Test
  void shouldRefuseAFileGroupOrOthersCanReadNamingTheSettingAndTheFix() throws Exception {
    Path file = write("token", "rw-r-----");
    assertThatThrownBy(() -> AdminTokenFile.read(file, "STRATA_ADMIN_TOKEN_FILE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STRATA_ADMIN_TOKEN_FILE").hasMessageContaining("chmod 600");
  }

  @Test
  void shouldRefuseAnEmptyFileSayingHowToMakeAToken() throws Exception {
    Path file = write(" \n", "rw-------");
    assertThatThrownBy(() -> AdminTokenFile.read(file, "strata.admin.token-file"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the file is empty").hasMessageContaining("openssl rand");
  }

  private Path write(String content, String permissions) throws Exception {
    Path file = dir.resolve("admin-token");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }
}
