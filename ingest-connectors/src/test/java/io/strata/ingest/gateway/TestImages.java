package io.strata.ingest.gateway;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Images for tests, written by ImageIO (JPEG, PNG, BMP, GIF) or shipped (a 1x1 WebP). */
public final class TestImages {

  private TestImages() {}

  /** An image of {@code width}x{@code height} in ImageIO format {@code format}, different for each {@code seed}. */
  public static byte[] image(String format, int width, int height, long seed) {
    var random = new Random(seed);
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(random.nextInt(0xffffff)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 20; i++) {
      g.setColor(new Color(random.nextInt(0xffffff)));
      g.fillOval(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(width), 1 + random.nextInt(height));
    }
    g.dispose();
    var out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("No ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] jpeg(long seed) {
    return image("jpeg", 64, 48, seed);
  }

  public static byte[] png(long seed) {
    return image("png", 40, 30, seed);
  }

  public static byte[] gif(long seed) {
    return image("gif", 32, 16, seed);
  }

  public static byte[] bmp(long seed) {
    return image("bmp", 20, 10, seed);
  }

  /** A 1x1 lossless WebP (see src/test/resources/images/README.md). */
  public static byte[] webp() {
    try (InputStream in = TestImages.class.getResourceAsStream("/images/pixel.webp")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code keep} of {@code bytes}. */
  public static byte[] truncated(byte[] bytes, int keep) {
    return Arrays.copyOf(bytes, keep);
  }
}
