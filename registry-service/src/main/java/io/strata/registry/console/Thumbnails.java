package io.strata.registry.console;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;

/**
 * Renders small previews of sample images with ImageIO (TwelveMonkeys adds WebP and BMP): the image is decoded with
 * source subsampling (a large photo never lands whole in memory), scaled to fit {@link #MAX_SIDE} pixels and
 * written as JPEG, or PNG when it has transparency. The last {@link #CACHE_ENTRIES} thumbnails are kept in memory.
 */
final class Thumbnails {

  /** The longest side of a thumbnail, in pixels. */
  static final int MAX_SIDE = 160;
  /** How many rendered thumbnails are cached (a few KB each). */
  static final int CACHE_ENTRIES = 512;

  /** A rendered thumbnail. */
  record Thumbnail(byte[] bytes, String contentType) {}

  private final Map<String, Thumbnail> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Thumbnail> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  synchronized Thumbnail cached(String sampleId) {
    return cache.get(sampleId);
  }

  /**
   * The thumbnail of {@code image} (which this method closes), cached under {@code sampleId}.
   *
   * @throws IOException if no ImageIO reader knows the format or the image does not decode
   */
  Thumbnail render(String sampleId, InputStream image) throws IOException {
    Thumbnail thumbnail;
    try (var in = ImageIO.createImageInputStream(image)) {
      if (in == null) {
        throw new IOException("Cannot read the image stream");
      }
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("No image reader knows this format");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        int step = Math.max(1, Math.max(width, height) / (MAX_SIDE * 2));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        thumbnail = encode(scale(reader.read(0, param)));
      } finally {
        reader.dispose();
      }
    } finally {
      image.close();
    }
    synchronized (this) {
      cache.put(sampleId, thumbnail);
    }
    return thumbnail;
  }

  private static BufferedImage scale(BufferedImage source) {
    double factor = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
    int w = Math.max(1, (int) Math.round(source.getWidth() * factor));
    int h = Math.max(1, (int) Math.round(source.getHeight() * factor));
    boolean alpha = source.getColorModel().hasAlpha();
    var target = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  private static Thumbnail encode(BufferedImage image) throws IOException {
    boolean alpha = image.getColorModel().hasAlpha();
    var out = new ByteArrayOutputStream(8192);
    if (!ImageIO.write(image, alpha ? "png" : "jpeg", out)) {
      throw new IOException("No ImageIO writer for " + (alpha ? "png" : "jpeg"));
    }
    return new Thumbnail(out.toByteArray(), alpha ? "image/png" : "image/jpeg");
  }
}
