package io.strata.streams.quality;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image (any format ImageIO has a reader for: the JDK's plus TwelveMonkeys' WebP and BMP) to luma.
 * Images larger than {@code maxSide} on their long side are read subsampled, so memory and time stay bounded
 * whatever the upload's resolution.
 */
final class LumaDecoder {

  private final int maxSide;

  LumaDecoder(int maxSide) {
    if (maxSide < 16) {
      throw new IllegalArgumentException("maxSide must be at least 16, got " + maxSide);
    }
    this.maxSide = maxSide;
  }

  /** @throws UndecodableImageException when no reader knows the bytes or the pixels cannot be decoded */
  LumaImage decode(InputStream content) throws IOException {
    // Buffered in memory, not in ImageIO's default temporary file (a disk copy of every image).
    try (ImageInputStream in = new MemoryCacheImageInputStream(content)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UndecodableImageException("no image reader recognises the content");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int longSide = Math.max(reader.getWidth(0), reader.getHeight(0));
        ImageReadParam param = reader.getDefaultReadParam();
        int step = (longSide + maxSide - 1) / maxSide;
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        grayscale(reader).ifPresent(param::setDestinationType);
        return luma(reader.read(0, param));
      } catch (IOException | RuntimeException e) {
        throw new UndecodableImageException(reader.getFormatName() + " pixels cannot be decoded: " + e.getMessage(), e);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * The 8-bit grayscale destination when the reader can decode to it directly. A JPEG's own luma channel is Rec.
   * 601 luma (JFIF), so the JPEG reader hands it over without the chroma upsampling and colour conversion an RGB
   * decode does: about half the decode time, for the same values as {@link #luma} computes from RGB (up to
   * rounding). Readers that offer no such type (PNG, WebP, ...) decode as before.
   */
  private static Optional<ImageTypeSpecifier> grayscale(ImageReader reader) throws IOException {
    for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
      ImageTypeSpecifier type = types.next();
      if (type.getBufferedImageType() == BufferedImage.TYPE_BYTE_GRAY) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Rec. 601 luma, read straight from the pixel bytes for the common byte layouts. */
  static LumaImage luma(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] luma = new int[w * h];
    switch (image.getType()) {
      case BufferedImage.TYPE_3BYTE_BGR -> {
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, p = 0; i < luma.length; i++, p += 3) {
          luma[i] = rec601(bgr[p + 2] & 0xff, bgr[p + 1] & 0xff, bgr[p] & 0xff);
        }
      }
      case BufferedImage.TYPE_BYTE_GRAY -> {
        byte[] gray = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < luma.length; i++) {
          luma[i] = gray[i] & 0xff;
        }
      }
      default -> {
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          image.getRGB(0, y, w, 1, row, 0, w);
          for (int x = 0; x < w; x++) {
            int rgb = row[x];
            luma[y * w + x] = rec601((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
          }
        }
      }
    }
    return new LumaImage(w, h, luma);
  }

  private static int rec601(int r, int g, int b) {
    return (299 * r + 587 * g + 114 * b + 500) / 1000;
  }
}
