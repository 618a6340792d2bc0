package io.strata.serving;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a request body into an image (the JDK's readers plus TwelveMonkeys' WebP and BMP), refusing what is not
 * one with the upload gateway's codes: {@code EMPTY_BODY}, {@code UNSUPPORTED_TYPE}, {@code CORRUPT_IMAGE} and
 * {@code IMAGE_TOO_LARGE} for more than {@code maxPixels}.
 */
final class ImageBody {

  private ImageBody() {}

  static BufferedImage decode(byte[] body, long maxPixels) {
    if (body.length == 0) {
      throw new ApiException(400, "EMPTY_BODY", "The body is empty: send the image's bytes as the request body");
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(body))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ApiException(415, "UNSUPPORTED_TYPE", "The body is not an image this API reads: send JPEG, PNG, "
            + "GIF, BMP or WebP bytes");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > maxPixels) {
          throw new ApiException(413, "IMAGE_TOO_LARGE", "The image has " + pixels + " pixels; at most " + maxPixels
              + " are accepted: resize it first");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException api) {
        throw api;
      }
      throw new ApiException(400, "CORRUPT_IMAGE", "The image cannot be decoded (" + e.getMessage() + "); send a "
          + "complete, valid image file");
    }
  }
}
