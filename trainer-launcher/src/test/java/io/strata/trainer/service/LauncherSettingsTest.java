package io.strata.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherSettingsTest {

  @TempDir
  Path temp;

  @Test
  void shouldUseTheStrataUpDefaultsAndTheDataDirectoryLayout() {
    var settings = LauncherSettings.fromEnvironment(Map.of("STRATA_DATA_DIR", "/var/strata"));

    assertThat(settings.httpPort()).isEqualTo(8085);
    assertThat(settings.launcher()).isEqualTo("local");
    assertThat(settings.inventory()).isEqualTo("auto");
    assertThat(settings.builtinClasspath()).isEmpty();
    assertThat(settings.adminToken()).isEmpty();
    assertThat(settings.logsDir()).isEqualTo(Path.of("/var/strata/training/logs"));
    assertThat(settings.workDir()).isEqualTo(Path.of("/var/strata/training/work"));
    assertThat(settings.djlCacheDir()).isEqualTo(Path.of("/var/strata/training/djl-cache"));
    assertThat(settings.producer()).startsWith("trainer-launcher@");
  }

  @Test
  void shouldRefuseBadValuesNamingTheVariable() throws Exception {
    assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("STRATA_LAUNCHER", "slurm")))
        .hasMessageContaining("STRATA_LAUNCHER").hasMessageContaining("local or kubernetes");
    assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("STRATA_HTTP_PORT", "http")))
        .hasMessageContaining("STRATA_HTTP_PORT");
    Path open = temp.resolve("token");
    Files.writeString(open, "secret");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("STRATA_ADMIN_TOKEN_FILE", open.toString())))
        .hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-------"));
    assertThat(LauncherSettings.fromEnvironment(Map.of("STRATA_ADMIN_TOKEN_FILE", open.toString())).adminToken())
        .contains("secret");
  }
}
