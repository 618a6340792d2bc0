package io.strata.trainer.builtin.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageFeaturesTest {

  @Test
  void shouldMeasureUniformImageAsItsLumaWithNoContrast() {
    BufferedImage image = filled(40, 30, new Color(200, 100, 50));

    ImageFeatures features = ImageFeatures.of(image);

    assertThat(features.brightness()).isCloseTo(0.299 * 200 + 0.587 * 100 + 0.114 * 50, within(1e-9));
    assertThat(features.contrast()).isCloseTo(0, within(1e-6));
    assertThat(features.width()).isEqualTo(40);
    assertThat(features.height()).isEqualTo(30);
  }

  @Test
  void shouldMeasureHalfBlackHalfWhiteAsMidBrightnessAndMaximalContrast() {
    BufferedImage image = filled(10, 10, Color.BLACK);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 5, 10);
    g.dispose();

    ImageFeatures features = ImageFeatures.of(image);

    assertThat(features.brightness()).isCloseTo(127.5, within(1e-6));
    assertThat(features.contrast()).isCloseTo(127.5, within(1e-6));
  }

  @Test
  void shouldTakeGrayImagesAtTheirSampleValues() {
    var gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        gray.getRaster().setSample(x, y, 0, 80);
      }
    }

    assertThat(ImageFeatures.of(gray).brightness()).as("raw gray samples, not Java's linear-gray conversion")
        .isCloseTo(80, within(1e-9));
    assertThat(ImageFeatures.of(gray).contrast()).isZero();
  }

  @Test
  void shouldNameEveryFeatureValue() {
    var features = new ImageFeatures(10, 2, 640, 480);

    assertThat(ImageFeatures.NAMES).containsExactly("brightness", "contrast", "width", "height");
    assertThat(ImageFeatures.NAMES.stream().mapToDouble(features::value).toArray()).containsExactly(10, 2, 640, 480);
    assertThatThrownBy(() -> features.value("hue")).hasMessageContaining("Unknown image feature 'hue'");
  }

  private static BufferedImage filled(int width, int height, Color color) {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }
}
