package io.strata.trainer.builtin.images;

import io.strata.trainer.builtin.profile.ImageFeatures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * An image decoded for training: its profile features (of the original) and its pixel tensor.
 *
 * @param features brightness, contrast, width and height of the decoded original
 * @param pixels the resized channel-first tensor ({@link PixelTensor})
 */
public record DecodedImage(ImageFeatures features, float[] pixels) {

  /**
   * Decodes {@code content} and resizes it to {@code size}; empty when no ImageIO reader understands the bytes or
   * they are corrupt.
   */
  public static Optional<DecodedImage> decode(InputStream content, int size) {
    BufferedImage image;
    try {
      image = ImageIO.read(content);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
      return Optional.empty();
    }
    return Optional.of(new DecodedImage(ImageFeatures.of(image), PixelTensor.of(image, size)));
  }

  /** {@link #decode(InputStream, int)} of bytes in memory. */
  public static Optional<DecodedImage> decode(byte[] content, int size) {
    return decode(new ByteArrayInputStream(content), size);
  }
}
