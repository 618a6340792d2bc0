package io.strata.benchmarks.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * A JPEG or PNG of a given size whose bytes differ per call (a counter in a JPEG comment segment or a PNG tEXt
 * chunk), so that every upload is new content, while the image itself stays the same valid file.
 */
final class UniqueImages {

  private final byte[] base;
  private final boolean jpeg;
  private long counter;

  private UniqueImages(byte[] base, boolean jpeg) {
    this.base = base;
    this.jpeg = jpeg;
  }

  /** Noise, so that the encoder cannot shrink it: a JPEG of about {@code targetBytes}. */
  static UniqueImages jpeg(int targetBytes) {
    return new UniqueImages(closestTo("jpeg", targetBytes, 2.0), true);
  }

  /** A PNG of about {@code targetBytes}. */
  static UniqueImages png(int targetBytes) {
    return new UniqueImages(closestTo("png", targetBytes, 3.0), false);
  }

  int size() {
    return base.length + (jpeg ? 20 : 28);
  }

  String contentType() {
    return jpeg ? "image/jpeg" : "image/png";
  }

  /** The next distinct file; not thread-safe (one generator per client). */
  byte[] next(long clientSalt) {
    long id = (clientSalt << 40) | counter++;
    return jpeg ? withComment(id) : withText(id);
  }

  private byte[] withComment(long id) {
    // SOI, then COM (FF FE, length 18 = 2 + 16 bytes), then the rest of the original file.
    var out = ByteBuffer.allocate(base.length + 20);
    out.put(base, 0, 2).put((byte) 0xff).put((byte) 0xfe).putShort((short) 18).putLong(id).putLong(~id);
    out.put(base, 2, base.length - 2);
    return out.array();
  }

  private byte[] withText(long id) {
    // Signature (8) + IHDR chunk (25), then a tEXt chunk of 16 bytes: "id", NUL, 13 digits... kept to 16.
    byte[] text = ("id\0" + String.format("%013d", id % 10_000_000_000_000L)).getBytes(StandardCharsets.ISO_8859_1);
    var crc = new CRC32();
    crc.update("tEXt".getBytes(StandardCharsets.ISO_8859_1));
    crc.update(text);
    var out = ByteBuffer.allocate(base.length + 12 + text.length);
    out.put(base, 0, 33).putInt(text.length).put("tEXt".getBytes(StandardCharsets.ISO_8859_1)).put(text)
        .putInt((int) crc.getValue()).put(base, 33, base.length - 33);
    return out.array();
  }

  private static byte[] closestTo(String format, int targetBytes, double bytesPerPixel) {
    int side = (int) Math.sqrt(targetBytes / bytesPerPixel);
    byte[] best = null;
    for (int attempt = 0; attempt < 6; attempt++) {
      byte[] encoded = noise(format, side, side);
      best = encoded;
      double ratio = (double) targetBytes / encoded.length;
      if (Math.abs(1 - ratio) < 0.03) {
        break;
      }
      side = Math.max(8, (int) (side * Math.sqrt(ratio)));
    }
    return best;
  }

  private static byte[] noise(String format, int width, int height) {
    var random = new Random(42);
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0xffffff));
      }
    }
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
