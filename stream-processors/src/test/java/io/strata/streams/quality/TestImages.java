package io.strata.streams.quality;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Images drawn in the test: a textured "photo", flat ones, and their encodings. */
final class TestImages {

  private TestImages() {
  }

  /** A sharp, mid-bright picture: shapes and fine noise, different for every seed. */
  static BufferedImage photo(int width, int height, long seed) {
    var random = new Random(seed);
    var image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(110, 120, 130));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 12; i++) {
      g.setColor(new Color(30 + random.nextInt(190), 30 + random.nextInt(190), 30 + random.nextInt(190)));
      int w = width / 8 + random.nextInt(width / 3);
      int h = height / 8 + random.nextInt(height / 3);
      g.fillOval(random.nextInt(width - w), random.nextInt(height - h), w, h);
    }
    g.dispose();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        int n = random.nextInt(61) - 30;
        image.setRGB(x, y, new Color(clamp(((rgb >> 16) & 0xff) + n), clamp(((rgb >> 8) & 0xff) + n),
            clamp((rgb & 0xff) + n)).getRGB());
      }
    }
    return image;
  }

  static BufferedImage flat(int width, int height, int gray) {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(gray, gray, gray));
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  static BufferedImage scaled(BufferedImage source, int width, int height) {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(source, 0, 0, width, height, null);
    g.dispose();
    return image;
  }

  static byte[] encode(BufferedImage image, String format) {
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

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
