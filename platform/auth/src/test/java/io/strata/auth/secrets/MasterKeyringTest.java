package io.strata.auth.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyringTest {

  private static final String KEY_1 = SecretCipherTest.key(1);
  private static final String KEY_2 = SecretCipherTest.key(2);

  @TempDir
  Path dir;

  @Test
  void shouldMakeTheLastKeyListedTheActiveOne() {
    var keyring = MasterKeyring.parse("2025-01:" + KEY_1 + ",2026-01:" + KEY_2);

    assertThat(keyring.activeKeyId()).isEqualTo("2026-01");
    assertThat(keyring.keyIds()).containsExactlyInAnyOrder("2025-01", "2026-01");
  }

  @Test
  void shouldLoadAKeyFileWithCommentsThatOnlyItsOwnerCanRead() throws Exception {
    assumePosix();
    Path file = keyFile("# master keys\n2025-01:" + KEY_1 + "   # retired\n\n2026-01:" + KEY_2 + "\n", "rw-------");

    var keyring = MasterKeyring.fromFile(file);

    assertThat(keyring.activeKeyId()).isEqualTo("2026-01");
    assertThat(keyring.keyIds()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw----rw-"})
  void shouldRefuseAKeyFileThatGroupOrOthersCanAccess(String permissions) throws Exception {
    assumePosix();
    Path file = keyFile("k1:" + KEY_1 + "\n", permissions);

    assertThatThrownBy(() -> MasterKeyring.fromFile(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is accessible by group or others (" + permissions + ")")
        .hasMessageContaining("chmod 600 '" + file + "'")
        .hasMessageNotContaining(KEY_1);
  }

  @Test
  void shouldExplainWhatIsWrongWithAnEntryWithoutQuotingIt() {
    assertThatThrownBy(() -> MasterKeyring.parse("k1:" + KEY_1 + "\n" + KEY_2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2").hasMessageContaining("'id:base64key'").hasMessageNotContaining(KEY_2);
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> MasterKeyring.parse("k1:" + shortKey))
        .hasMessageContaining("Master key 'k1'").hasMessageContaining("is 16 bytes; AES-256 needs exactly 32")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> MasterKeyring.parse("k1:not*base64!"))
        .hasMessageContaining("not valid base64").hasMessageNotContaining("not*base64!").hasNoCause();
    assertThatThrownBy(() -> MasterKeyring.parse("k1:" + KEY_1 + ",k1:" + KEY_2))
        .hasMessageContaining("'k1' appears twice");
    assertThatThrownBy(() -> MasterKeyring.parse(" # nothing here\n"))
        .hasMessageContaining("holds no key").hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void shouldNotPrintKeyMaterial() {
    var keyring = MasterKeyring.parse("2025-01:" + KEY_1);

    assertThat(keyring.toString()).contains("2025-01").doesNotContain(KEY_1);
  }

  private Path keyFile(String content, String permissions) throws Exception {
    Path file = dir.resolve("master.keys");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private static void assumePosix() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file permissions");
  }
}
