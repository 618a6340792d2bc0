package io.strata.trainer.builtin.images;

import io.strata.trainer.builtin.profile.ImageFeatures;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The network input of an image: resized to {@code size x size} with bilinear interpolation (aspect ratio not
 * kept), RGB, channel-first ({@code CHW}), then standardised per image: each value is (byte / 255 - mean) / std,
 * mean and standard deviation taken over all values of the image (std at least 1/255), so that the network sees
 * shapes and edges rather than the overall colour and exposure.
 */
public final class PixelTensor {

  private PixelTensor() {}

  /** The {@code 3 * size * size} floats of {@code image}, channel-first. */
  public static float[] of(BufferedImage image, int size) {
    BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = resized.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(ImageFeatures.asRgb(image), 0, 0, size, size, null);
    } finally {
      g.dispose();
    }
    int plane = size * size;
    float[] tensor = new float[3 * plane];
    int[] row = new int[size];
    for (int y = 0; y < size; y++) {
      resized.getRGB(0, y, size, 1, row, 0, size);
      for (int x = 0; x < size; x++) {
        int rgb = row[x];
        int at = y * size + x;
        tensor[at] = ((rgb >> 16) & 0xff) / 255f;
        tensor[plane + at] = ((rgb >> 8) & 0xff) / 255f;
        tensor[2 * plane + at] = (rgb & 0xff) / 255f;
      }
    }
    standardise(tensor);
    return tensor;
  }

  private static void standardise(float[] tensor) {
    double sum = 0;
    double sumOfSquares = 0;
    for (float v : tensor) {
      sum += v;
      sumOfSquares += (double) v * v;
    }
    double mean = sum / tensor.length;
    double std = Math.max(Math.sqrt(Math.max(0, sumOfSquares / tensor.length - mean * mean)), 1 / 255.0);
    for (int i = 0; i < tensor.length; i++) {
      tensor[i] = (float) ((tensor[i] - mean) / std);
    }
  }
}
