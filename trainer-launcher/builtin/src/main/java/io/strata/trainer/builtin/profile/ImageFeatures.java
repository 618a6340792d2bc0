package io.strata.trainer.builtin.profile;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.List;
import java.util.Objects;

/**
 * The features of one decoded image that a reference profile describes: brightness and contrast are the mean and
 * the (population) standard deviation of the luma of every pixel, luma = 0.299 R + 0.587 G + 0.114 B on 0..255
 * (ITU-R BT.601); width and height are in pixels. Pure Java: serving computes exactly the same numbers.
 *
 * @param brightness mean luma, 0..255
 * @param contrast standard deviation of luma, 0..127.5
 * @param width width in pixels
 * @param height height in pixels
 */
public record ImageFeatures(double brightness, double contrast, int width, int height) {

  /** Feature names, in the order a profile lists them. */
  public static final List<String> NAMES = List.of("brightness", "contrast", "width", "height");

  /** Measures {@code image} (any {@link BufferedImage} type; alpha is ignored; gray as in {@link #asRgb}). */
  public static ImageFeatures of(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    BufferedImage rgb = asRgb(image);
    int width = rgb.getWidth();
    int height = rgb.getHeight();
    int[] row = new int[width];
    // Welford's running mean and sum of squared deviations: exact zero contrast for a uniform image.
    long n = 0;
    double mean = 0;
    double squares = 0;
    for (int y = 0; y < height; y++) {
      rgb.getRGB(0, y, width, 1, row, 0, width);
      for (int pixel : row) {
        double luma = 0.299 * ((pixel >> 16) & 0xff) + 0.587 * ((pixel >> 8) & 0xff) + 0.114 * (pixel & 0xff);
        n++;
        double delta = luma - mean;
        mean += delta / n;
        squares += delta * (luma - mean);
      }
    }
    return new ImageFeatures(mean, Math.sqrt(Math.max(0, squares / n)), width, height);
  }

  /**
   * {@code image} with its colours as sRGB bytes. Gray images (one band, or gray and alpha) are taken at their raw
   * sample values, which is what encoders of gray PNG and JPEG files mean, instead of Java's linear-gray
   * conversion (which would brighten them); other images are returned as they are.
   */
  public static BufferedImage asRgb(BufferedImage image) {
    Raster raster = image.getRaster();
    int bands = raster.getNumBands();
    if (bands > 2 || image.getColorModel().getColorSpace().getType() != ColorSpace.TYPE_GRAY) {
      return image;
    }
    int bits = image.getColorModel().getComponentSize(0);
    double scale = 255.0 / ((1L << bits) - 1);
    var rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int v = (int) Math.round(raster.getSample(x, y, 0) * scale);
        rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    return rgb;
  }

  /** The value of the feature called {@code name} (one of {@link #NAMES}). */
  public double value(String name) {
    return switch (name) {
      case "brightness" -> brightness;
      case "contrast" -> contrast;
      case "width" -> width;
      case "height" -> height;
      default -> throw new IllegalArgumentException("Unknown image feature '" + name + "': the features are " + NAMES);
    };
  }
}
