package io.strata.ingest.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.ingest.gateway.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InspectingStreamTest {

  private static final ImageLimits LIMITS = new ImageLimits(1 << 30, 1_000_000, 64 * 1024);

  @Test
  void shouldReadWidthAndHeightOfEveryAcceptedFormat() throws IOException {
    assertThat(inspect(TestImages.jpeg(1), ImageFormat.JPEG)).isEqualTo(new ImageInfo(ImageFormat.JPEG, 64, 48));
    assertThat(inspect(TestImages.png(1), ImageFormat.PNG)).isEqualTo(new ImageInfo(ImageFormat.PNG, 40, 30));
    assertThat(inspect(TestImages.gif(1), ImageFormat.GIF)).isEqualTo(new ImageInfo(ImageFormat.GIF, 32, 16));
    assertThat(inspect(TestImages.bmp(1), ImageFormat.BMP)).isEqualTo(new ImageInfo(ImageFormat.BMP, 20, 10));
    assertThat(inspect(TestImages.webp(), ImageFormat.WEBP)).isEqualTo(new ImageInfo(ImageFormat.WEBP, 1, 1));
  }

  @Test
  void shouldDetectTheFormatWhenNoneIsDeclared() throws IOException {
    assertThat(read(TestImages.png(2), Optional.empty(), LIMITS).info()).get()
        .extracting(ImageInfo::format).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void shouldPassEveryByteThroughUnchanged() throws IOException {
    byte[] jpeg = TestImages.jpeg(3);
    var stream = new InspectingStream(new ByteArrayInputStream(jpeg), Optional.of(ImageFormat.JPEG), LIMITS, () -> { });
    assertThat(stream.readAllBytes()).isEqualTo(jpeg);
    assertThat(stream.size()).isEqualTo(jpeg.length);
  }

  @Test
  void shouldRefuseTruncatedFilesOfEveryFormat() {
    for (var image : new Object[][] {{TestImages.jpeg(4), ImageFormat.JPEG}, {TestImages.png(4), ImageFormat.PNG},
        {TestImages.gif(4), ImageFormat.GIF}, {TestImages.bmp(4), ImageFormat.BMP},
        {TestImages.webp(), ImageFormat.WEBP}}) {
      byte[] bytes = (byte[]) image[0];
      assertThatThrownBy(() -> inspect(TestImages.truncated(bytes, bytes.length - 5), (ImageFormat) image[1]))
          .as("truncated %s", image[1])
          .isInstanceOfSatisfying(ImageRefusedException.class, e -> assertThat(e.problem()).isEqualTo(ImageProblem.CORRUPT))
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void shouldReadTheHeaderFromTheFirstBytesWithoutWaitingForTheWholeWindow() {
    // 1200 x 1000 is above LIMITS' 1,000,000 pixels; the header is in the first bytes, the window is 64 KB.
    int firstTry = InspectingStream.FIRST_ATTEMPT_BYTES;
    // At least firstTry bytes (zero-padded if the image is smaller), then a stream that must not be reached.
    byte[] png = TestImages.image("png", 1200, 1000, 9);
    byte[] head = java.util.Arrays.copyOf(png, Math.min(png.length, firstTry + 100));
    head = head.length >= firstTry ? head : java.util.Arrays.copyOf(head, firstTry + 100);
    InputStream headThenBroken = new java.io.SequenceInputStream(new ByteArrayInputStream(head),
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("read past the first try: the header was not read early");
          }
        });
    var stream = new InspectingStream(headThenBroken, Optional.of(ImageFormat.PNG), LIMITS, () -> { });
    assertThatThrownBy(stream::readAllBytes)
        .isInstanceOfSatisfying(ImageRefusedException.class,
            e -> assertThat(e.problem()).isEqualTo(ImageProblem.TOO_MANY_PIXELS));
  }

  @Test
  void shouldRefuseAFileCutInsideItsHeader() {
    assertThatThrownBy(() -> inspect(TestImages.truncated(TestImages.png(5), 20), ImageFormat.PNG))
        .isInstanceOfSatisfying(ImageRefusedException.class, e -> assertThat(e.problem()).isEqualTo(ImageProblem.CORRUPT));
  }

  @Test
  void shouldRefuseAnEmptyUpload() {
    assertThatThrownBy(() -> inspect(new byte[0], ImageFormat.JPEG))
        .isInstanceOfSatisfying(ImageRefusedException.class, e -> assertThat(e.problem()).isEqualTo(ImageProblem.EMPTY));
  }

  @Test
  void shouldRefuseBytesThatAreNotTheDeclaredFormat() {
    assertThatThrownBy(() -> inspect(TestImages.png(6), ImageFormat.JPEG))
        .isInstanceOfSatisfying(ImageRefusedException.class,
            e -> assertThat(e.problem()).isEqualTo(ImageProblem.TYPE_MISMATCH))
        .hasMessageContaining("declared image/jpeg but its bytes are image/png");
  }

  @Test
  void shouldCallGarbageCorruptWhenAnImageWasDeclaredAndUnsupportedOtherwise() {
    byte[] garbage = "this is not an image at all".getBytes();
    assertThatThrownBy(() -> inspect(garbage, ImageFormat.GIF))
        .isInstanceOfSatisfying(ImageRefusedException.class, e -> assertThat(e.problem()).isEqualTo(ImageProblem.CORRUPT));
    assertThatThrownBy(() -> read(garbage, Optional.empty(), LIMITS))
        .isInstanceOfSatisfying(ImageRefusedException.class,
            e -> assertThat(e.problem()).isEqualTo(ImageProblem.UNSUPPORTED));
  }

  @Test
  void shouldRefuseAJpegWhoseBodyIsGarbageAfterTheMagicBytes() {
    byte[] bytes = TestImages.jpeg(7);
    for (int i = 3; i < bytes.length - 2; i++) {
      bytes[i] = (byte) 0x55;
    }
    assertThatThrownBy(() -> inspect(bytes, ImageFormat.JPEG))
        .isInstanceOfSatisfying(ImageRefusedException.class, e -> assertThat(e.problem()).isEqualTo(ImageProblem.CORRUPT));
  }

  @Test
  void shouldRefuseAnImageAboveThePixelLimitFromItsHeaderAlone() {
    byte[] big = TestImages.image("png", 1100, 1000, 8);
    assertThatThrownBy(() -> inspect(big, ImageFormat.PNG))
        .isInstanceOfSatisfying(ImageRefusedException.class,
            e -> assertThat(e.problem()).isEqualTo(ImageProblem.TOO_MANY_PIXELS))
        .hasMessageContaining("1100x1000");
  }

  @Test
  void shouldInspectTheHeaderOnceTheWindowIsFullWithoutHoldingTheRest() throws IOException {
    var limits = new ImageLimits(1 << 30, 100_000_000, 4096);
    byte[] large = TestImages.image("bmp", 300, 200, 9); // ~180 KB, far beyond the 4 KB window
    var stream = read(large, Optional.of(ImageFormat.BMP), limits);
    assertThat(stream.info()).contains(new ImageInfo(ImageFormat.BMP, 300, 200));
  }

  @Test
  void shouldLetTheEndCheckRefuseBeforeTheEndIsReported() {
    InputStream in = new InspectingStream(new ByteArrayInputStream(TestImages.gif(10)), Optional.empty(), LIMITS,
        () -> { throw new IOException("hash mismatch"); });
    assertThatThrownBy(in::readAllBytes).hasMessage("hash mismatch");
  }

  private static ImageInfo inspect(byte[] bytes, ImageFormat declared) throws IOException {
    return read(bytes, Optional.of(declared), LIMITS).info().orElseThrow();
  }

  private static InspectingStream read(byte[] bytes, Optional<ImageFormat> declared, ImageLimits limits)
      throws IOException {
    var stream = new InspectingStream(new ByteArrayInputStream(bytes), declared, limits, () -> { });
    byte[] buffer = new byte[1000];
    while (stream.read(buffer, 0, buffer.length) >= 0) {
      // consume
    }
    return stream;
  }
}
