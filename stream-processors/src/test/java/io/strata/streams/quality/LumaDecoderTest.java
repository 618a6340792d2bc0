package io.strata.streams.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LumaDecoderTest {

  private final LumaDecoder decoder = new LumaDecoder(2048);

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "bmp", "gif"})
  void shouldDecodeEveryAcceptedFormatToLuma(String format) throws IOException {
    byte[] bytes = TestImages.encode(TestImages.flat(40, 30, 200), format);

    LumaImage luma = decoder.decode(new ByteArrayInputStream(bytes));

    assertThat(luma.width()).isEqualTo(40);
    assertThat(luma.height()).isEqualTo(30);
    assertThat(Arrays.stream(luma.luma()).average().orElseThrow()).isCloseTo(200, within(2.0));
  }

  @Test
  void shouldReadAJpegsOwnLumaAsTheLumaOfItsRgbDecode() throws IOException {
    byte[] jpeg = TestImages.encode(TestImages.photo(320, 240, 7), "jpg");

    LumaImage direct = decoder.decode(new ByteArrayInputStream(jpeg));
    LumaImage viaRgb = LumaDecoder.luma(javax.imageio.ImageIO.read(new ByteArrayInputStream(jpeg)));

    assertThat(direct.width()).isEqualTo(viaRgb.width());
    assertThat(direct.height()).isEqualTo(viaRgb.height());
    int[] a = direct.luma();
    int[] b = viaRgb.luma();
    double meanAbsoluteDifference = 0;
    for (int i = 0; i < a.length; i++) {
      meanAbsoluteDifference += Math.abs(a[i] - b[i]) / (double) a.length;
    }
    // The same Rec. 601 weights; only the RGB round trip's rounding and chroma upsampling differ.
    assertThat(meanAbsoluteDifference).isLessThan(2.0);
    assertThat(QualityMetrics.of(direct).brightness()).isCloseTo(QualityMetrics.of(viaRgb).brightness(), within(1.0));
    assertThat(QualityMetrics.of(direct).sharpness())
        .isCloseTo(QualityMetrics.of(viaRgb).sharpness(), within(0.1 * QualityMetrics.of(viaRgb).sharpness()));
  }

  @Test
  void shouldSubsampleAnImageLargerThanTheLimit() throws IOException {
    byte[] bytes = TestImages.encode(TestImages.flat(300, 100, 90), "png");

    LumaImage luma = new LumaDecoder(64).decode(new ByteArrayInputStream(bytes));

    assertThat(Math.max(luma.width(), luma.height())).isLessThanOrEqualTo(64);
  }

  @Test
  void shouldRefuseBytesThatAreNoImage() {
    assertThatThrownBy(() -> decoder.decode(new ByteArrayInputStream("not an image".getBytes())))
        .isInstanceOf(UndecodableImageException.class)
        .hasMessageContaining("no image reader");
  }

  @Test
  void shouldRefuseATruncatedImage() {
    byte[] png = TestImages.encode(TestImages.photo(200, 150, 3), "png");

    assertThatThrownBy(() -> decoder.decode(new ByteArrayInputStream(Arrays.copyOf(png, png.length / 3))))
        .isInstanceOf(UndecodableImageException.class)
        .hasMessageContaining("cannot be decoded");
  }
}
