package io.strata.trainer.builtin.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws one shape per image: a filled circle, square or triangle of a random colour, size and position on a random
 * background (plain or a two-colour gradient), with pixel noise and a few thin distractor lines. Image {@code i} of
 * seed {@code s} is always the same picture (on the same JDK), and its class is {@code CLASSES.get(i % 3)}, so any
 * run of consecutive indexes is balanced.
 */
public final class ShapeImages {

  /** The three classes, in the order images cycle through them. */
  public static final List<String> CLASSES = List.of("circle", "square", "triangle");

  private final long seed;
  private final int size;

  /**
   * @param seed the seed every image is derived from
   * @param size width and height in pixels, at least 16
   */
  public ShapeImages(long seed, int size) {
    if (size < 16) {
      throw new IllegalArgumentException("Shape images need a size of at least 16 pixels, got " + size);
    }
    this.seed = seed;
    this.size = size;
  }

  /** A generated picture, its class and the shape's bounding box in pixels (inclusive min, exclusive max). */
  public record Shape(int index, String classLabel, BufferedImage image, int xMin, int yMin, int xMax, int yMax) {}

  /** Image number {@code index} of this seed. */
  public Shape draw(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    Random random = new Random(seed * 1_000_003L + index);
    String classLabel = CLASSES.get(index % CLASSES.size());
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      Color background = randomColor(random);
      if (random.nextBoolean()) {
        g.setPaint(new java.awt.GradientPaint(0, 0, background, size, size, shift(background, random)));
      } else {
        g.setColor(background);
      }
      g.fillRect(0, 0, size, size);
      drawDistractors(g, random, background);
      Color foreground = contrasting(background, random);
      g.setColor(foreground);
      int extent = (int) Math.round(size * (0.35 + 0.4 * random.nextDouble()));
      int x = random.nextInt(size - extent + 1);
      int y = random.nextInt(size - extent + 1);
      switch (classLabel) {
        case "circle" -> g.fillOval(x, y, extent, extent);
        case "square" -> g.fillRect(x, y, extent, extent);
        default -> g.fillPolygon(triangle(x, y, extent, random.nextBoolean()));
      }
      addNoise(image, random);
      return new Shape(index, classLabel, image, x, y, x + extent, y + extent);
    } finally {
      g.dispose();
    }
  }

  /** The image encoded as {@code png} or {@code jpeg}. */
  public static byte[] encode(BufferedImage image, String format) {
    String informal = switch (format) {
      case "png" -> "png";
      case "jpeg", "jpg" -> "jpg";
      default -> throw new IllegalArgumentException("Unknown image format '" + format + "': use png or jpeg");
    };
    var out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, informal, out)) {
        throw new IllegalStateException("No ImageIO writer for " + informal);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Polygon triangle(int x, int y, int extent, boolean pointingUp) {
    int top = pointingUp ? y : y + extent;
    int base = pointingUp ? y + extent : y;
    return new Polygon(new int[] {x + extent / 2, x, x + extent}, new int[] {top, base, base}, 3);
  }

  private void drawDistractors(Graphics2D g, Random random, Color background) {
    int lines = random.nextInt(3);
    g.setStroke(new BasicStroke(1f));
    for (int i = 0; i < lines; i++) {
      g.setColor(shift(background, random));
      g.drawLine(random.nextInt(size), random.nextInt(size), random.nextInt(size), random.nextInt(size));
    }
  }

  private static void addNoise(BufferedImage image, Random random) {
    double amplitude = 4 + random.nextInt(12);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int n = (int) Math.round(random.nextGaussian() * amplitude);
        image.setRGB(x, y, (clamp(((rgb >> 16) & 0xff) + n) << 16) | (clamp(((rgb >> 8) & 0xff) + n) << 8)
            | clamp((rgb & 0xff) + n));
      }
    }
  }

  private static Color randomColor(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }

  private static Color shift(Color color, Random random) {
    return new Color(clamp(color.getRed() + random.nextInt(61) - 30), clamp(color.getGreen() + random.nextInt(61) - 30),
        clamp(color.getBlue() + random.nextInt(61) - 30));
  }

  /** A random colour whose luma differs from the background's by at least 70, so the shape stays visible. */
  private static Color contrasting(Color background, Random random) {
    double backgroundLuma = luma(background);
    while (true) {
      Color candidate = randomColor(random);
      if (Math.abs(luma(candidate) - backgroundLuma) >= 70) {
        return candidate;
      }
    }
  }

  private static double luma(Color c) {
    return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
