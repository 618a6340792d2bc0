package io.strata.trainer.trainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeArchiveTest {

  @TempDir
  Path temp;

  static byte[] zip(Map<String, String> files) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipArchiveOutputStream(bytes)) {
      for (var file : files.entrySet()) {
        var entry = new ZipArchiveEntry(file.getKey());
        entry.setUnixMode(file.getKey().endsWith(".sh") ? 0100755 : 0100644);
        zip.putArchiveEntry(entry);
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] tarGz(Map<String, String> files, String symlink) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      for (var file : files.entrySet()) {
        byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
        var entry = new TarArchiveEntry(file.getKey());
        entry.setSize(content.length);
        entry.setMode(file.getKey().endsWith(".sh") ? 0100755 : 0100644);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
      if (symlink != null) {
        var link = new TarArchiveEntry(symlink, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("/etc/passwd");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private Path file(byte[] bytes) throws IOException {
    return Files.write(Files.createTempFile(temp, "archive", ".bin"), bytes);
  }

  @Test
  void shouldExtractAZipKeepingTheExecutableBit() throws Exception {
    byte[] archive = zip(Map.of("train.sh", "echo hi\n", "lib/net.py", "x = 1\n"));

    var summary = CodeArchive.extract(file(archive), temp.resolve("code"));

    assertThat(summary.format()).isEqualTo(CodeArchive.Format.ZIP);
    assertThat(summary.files()).isEqualTo(2);
    assertThat(Files.readString(temp.resolve("code/lib/net.py"))).isEqualTo("x = 1\n");
    assertThat(Files.isExecutable(temp.resolve("code/train.sh"))).isTrue();
    assertThat(Files.isExecutable(temp.resolve("code/lib/net.py"))).isFalse();
  }

  @Test
  void shouldCheckAndExtractATarGz() throws Exception {
    byte[] archive = tarGz(Map.of("./train.sh", "echo hi\n"), null);

    assertThat(CodeArchive.check(file(archive)).format()).isEqualTo(CodeArchive.Format.TAR_GZ);
    CodeArchive.extract(file(archive), temp.resolve("code"));
    assertThat(Files.isExecutable(temp.resolve("code/train.sh"))).isTrue();
  }

  @Test
  void shouldRefuseEntriesThatClimbOutOrAreAbsolute() throws Exception {
    for (String evil : new String[] {"../evil.sh", "a/../../evil.sh", "/etc/cron.d/evil", "C:/evil"}) {
      byte[] archive = zip(Map.of(evil, "boom"));
      assertThatThrownBy(() -> CodeArchive.extract(file(archive), temp.resolve("code")))
          .as(evil).isInstanceOf(CodeArchive.InvalidArchiveException.class).hasMessageContaining(evil);
    }
    assertThat(temp.resolve("evil.sh")).doesNotExist();
  }

  @Test
  void shouldRefuseLinksAndNonArchivesAndEmptyArchives() throws Exception {
    assertThatThrownBy(() -> CodeArchive.check(file(tarGz(Map.of("a.txt", "a"), "passwd"))))
        .isInstanceOf(CodeArchive.InvalidArchiveException.class).hasMessageContaining("link");
    assertThatThrownBy(() -> CodeArchive.check(file("#!/bin/sh".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(CodeArchive.InvalidArchiveException.class).hasMessageContaining("neither a zip nor a tar.gz");
    assertThatThrownBy(() -> CodeArchive.check(file(zip(Map.of())))).isInstanceOf(
        CodeArchive.InvalidArchiveException.class);
  }

  @Test
  void shouldRefuseWritingThroughALinkOutOfTheTarget() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root")).toRealPath();
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("sub"), outside);

    assertThatThrownBy(() -> CodeArchive.safeTarget(root, "sub/x.sh")).isInstanceOf(IOException.class)
        .hasMessageContaining("through a link");
    assertThat(CodeArchive.safeTarget(root, "ok/x.sh")).isEqualTo(root.resolve("ok/x.sh"));
  }
}
