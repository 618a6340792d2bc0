package io.strata.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {

  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final long MB = 1024 * 1024;

  @TempDir
  Path root;

  @Test
  void shouldReadBackTheBytesItStoredUnderTheirHash() throws IOException {
    var store = new LocalBlobStore(root);
    byte[] bytes = "a cat on a mat".getBytes(StandardCharsets.UTF_8);

    BlobRef ref = store.put(new ByteArrayInputStream(bytes), MB);

    assertThat(ref.sha256()).isEqualTo(sha256(bytes));
    assertThat(ref.sizeBytes()).isEqualTo(bytes.length);
    assertThat(ref.created()).isTrue();
    Path expected = root.resolve("sha256").resolve(ref.sha256().substring(0, 2)).resolve(ref.sha256());
    assertThat(ref.uri()).isEqualTo(expected.toUri());
    assertThat(ref.uri().getScheme()).isEqualTo("file");
    try (InputStream in = store.open(ref.sha256())) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
    assertThat(store.exists(ref.sha256())).isTrue();
    assertThat(store.find(ref.sha256())).contains(new BlobRef(ref.sha256(), bytes.length, ref.uri(), false));
  }

  @Test
  void shouldStoreTheSameBytesOnceAndReportNotCreatedTheSecondTime() throws IOException {
    var store = new LocalBlobStore(root);
    byte[] bytes = "same bytes".getBytes(StandardCharsets.UTF_8);

    BlobRef first = store.put(new ByteArrayInputStream(bytes), MB);
    BlobRef second = store.put(new ByteArrayInputStream(bytes), MB);

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(second.uri()).isEqualTo(first.uri());
    assertThat(blobFiles()).hasSize(1);
    assertThat(spoolFiles()).isEmpty();
  }

  @Test
  void shouldStoreAnEmptyStreamAsTheBlobOfTheEmptyHash() throws IOException {
    var store = new LocalBlobStore(root);

    BlobRef ref = store.put(InputStream.nullInputStream(), 0);

    assertThat(ref.sha256()).isEqualTo(EMPTY_SHA256);
    assertThat(ref.sizeBytes()).isZero();
    assertThat(store.exists(EMPTY_SHA256)).isTrue();
  }

  @Test
  void shouldStreamFiftyMegabytesGeneratedOnTheFlyWithTheRightHash() throws IOException {
    var store = new LocalBlobStore(root);
    long size = 50 * MB;

    BlobRef ref = store.put(new GeneratedStream(size, 42), size);

    assertThat(ref.sha256()).isEqualTo(sha256(new GeneratedStream(size, 42)));
    assertThat(ref.sizeBytes()).isEqualTo(size);
    assertThat(Files.size(Path.of(ref.uri()))).isEqualTo(size);
    try (InputStream in = store.open(ref.sha256())) {
      assertThat(sha256(in)).isEqualTo(ref.sha256());
    }
  }

  @Test
  void shouldAcceptContentOfExactlyTheLimit() throws IOException {
    var store = new LocalBlobStore(root);

    BlobRef ref = store.put(new GeneratedStream(1000, 7), 1000);

    assertThat(ref.sizeBytes()).isEqualTo(1000);
  }

  @Test
  void shouldAbortAPutOverTheLimitAndLeaveNoBlobAndNoSpoolFile() throws IOException {
    var store = new LocalBlobStore(root);

    assertThatThrownBy(() -> store.put(new GeneratedStream(3 * MB, 7), MB))
        .isInstanceOf(BlobTooLargeException.class)
        .hasMessageContaining(String.valueOf(MB))
        .satisfies(e -> assertThat(((BlobTooLargeException) e).maxBytes()).isEqualTo(MB));

    assertThat(blobFiles()).isEmpty();
    assertThat(spoolFiles()).isEmpty();
  }

  @Test
  void shouldLeaveNoPartialBlobAndNoSpoolFileWhenTheContentFailsMidway() throws IOException {
    var store = new LocalBlobStore(root);

    assertThatThrownBy(() -> store.put(new FailingStream(200_000), MB))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("connection reset");

    assertThat(blobFiles()).isEmpty();
    assertThat(spoolFiles()).isEmpty();
  }

  @Test
  void shouldDeleteStaleSpoolFilesAtConstructionAndKeepFreshOnes() throws IOException {
    Instant now = Instant.parse("2025-06-01T12:00:00Z");
    Path spool = Files.createDirectories(root.resolve("tmp"));
    Path stale = Files.writeString(spool.resolve("put-crashed.tmp"), "half an upload");
    Files.setLastModifiedTime(stale, FileTime.from(now.minus(Duration.ofHours(2))));
    Path fresh = Files.writeString(spool.resolve("put-in-flight.tmp"), "an upload in progress");
    Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofMinutes(5))));

    new LocalBlobStore(root, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1));

    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
  }

  @Test
  void shouldRejectHashesThatAreNotSixtyFourLowerCaseHexCharacters() throws IOException {
    var store = new LocalBlobStore(root);
    String upperCase = EMPTY_SHA256.toUpperCase();

    for (String bad : List.of("", "abc", upperCase, "../" + EMPTY_SHA256.substring(3), EMPTY_SHA256 + "0")) {
      assertThatThrownBy(() -> store.open(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("64 lower-case hex");
      assertThatThrownBy(() -> store.find(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.exists(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.exists(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid SHA-256 'null'");
  }

  @Test
  void shouldNameTheHashWhenABlobIsNotFound() throws IOException {
    var store = new LocalBlobStore(root);

    assertThatThrownBy(() -> store.open(EMPTY_SHA256))
        .isInstanceOf(BlobNotFoundException.class)
        .hasMessageContaining(EMPTY_SHA256)
        .satisfies(e -> assertThat(((BlobNotFoundException) e).sha256()).isEqualTo(EMPTY_SHA256));
    assertThat(store.find(EMPTY_SHA256)).isEmpty();
    assertThat(store.exists(EMPTY_SHA256)).isFalse();
  }

  private List<Path> blobFiles() throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("sha256"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private List<Path> spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
      return files.toList();
    }
  }

  static String sha256(byte[] bytes) throws IOException {
    return sha256(new ByteArrayInputStream(bytes));
  }

  static String sha256(InputStream in) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
