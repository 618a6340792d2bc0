package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {

  private final Thumbnails thumbnails = new Thumbnails();

  @Test
  void shouldScaleALargeOpaqueImageToAJpegThatFits() throws IOException {
    var thumbnail = thumbnails.render("big", new ByteArrayInputStream(encode(new BufferedImage(2000, 1000,
        BufferedImage.TYPE_INT_RGB), "png")));

    assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
    var image = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
    assertThat(image.getWidth()).isEqualTo(Thumbnails.MAX_SIDE);
    assertThat(image.getHeight()).isEqualTo(Thumbnails.MAX_SIDE / 2);
    assertThat(thumbnails.cached("big")).isSameAs(thumbnail);
  }

  @Test
  void shouldKeepTransparencyAsPngAndNeverUpscale() throws IOException {
    var thumbnail = thumbnails.render("small", new ByteArrayInputStream(encode(new BufferedImage(40, 30,
        BufferedImage.TYPE_INT_ARGB), "png")));

    assertThat(thumbnail.contentType()).isEqualTo("image/png");
    var image = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
    assertThat(image.getWidth()).isEqualTo(40);
    assertThat(image.getHeight()).isEqualTo(30);
  }

  @Test
  void shouldReadBmpThroughTwelveMonkeys() throws IOException {
    var thumbnail = thumbnails.render("bmp", new ByteArrayInputStream(encode(new BufferedImage(320, 320,
        BufferedImage.TYPE_3BYTE_BGR), "bmp")));

    assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.bytes())).getWidth()).isEqualTo(Thumbnails.MAX_SIDE);
  }

  @Test
  void shouldRefuseBytesThatAreNoImage() {
    assertThatThrownBy(() -> thumbnails.render("text", new ByteArrayInputStream("not an image"
        .getBytes(StandardCharsets.UTF_8)))).isInstanceOf(IOException.class).hasMessageContaining("No image reader");
    assertThat(thumbnails.cached("text")).isNull();
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    var out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }
}
