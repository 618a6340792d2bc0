package io.strata.ingest.gateway.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads width and height from the first bytes of an image with an ImageIO reader, which parses the header and
 * stops: no pixel is decoded, so a huge image costs no more than a small one.
 */
final class ImageHeaders {

  static {
    // Readers get in-memory streams; never spill to temp files.
    ImageIO.setUseCache(false);
    ImageIO.scanForPlugins();
  }

  /** The reader provider per format, looked up once: the registry lookup costs more than the header read. */
  private static final Map<ImageFormat, ImageReaderSpi> PROVIDERS = new ConcurrentHashMap<>();

  private ImageHeaders() {}

  private static ImageReaderSpi readerSpi(ImageFormat format) {
    return PROVIDERS.computeIfAbsent(format, f -> {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(f.imageIoName());
      if (!readers.hasNext()) {
        throw new IllegalStateException("No ImageIO reader for " + f + " on the classpath");
      }
      ImageReader first = readers.next();
      ImageReaderSpi spi = first.getOriginatingProvider();
      first.dispose();
      if (spi == null) {
        throw new IllegalStateException("The ImageIO reader for " + f + " names no provider");
      }
      return spi;
    });
  }

  /**
   * The header read from the first {@code length} bytes of a file that goes on; empty when these bytes do not
   * hold a readable header (yet), so that the caller reads more before deciding.
   */
  static Optional<ImageInfo> tryRead(ImageFormat format, byte[] bytes, int length) {
    try {
      return Optional.of(read(format, bytes, length, false));
    } catch (ImageRefusedException e) {
      return Optional.empty();
    }
  }

  /**
   * @param wholeFile true when {@code bytes} is the whole file, false when only its first bytes
   * @throws ImageRefusedException ({@link ImageProblem#CORRUPT}) when no header can be read from them
   */
  static ImageInfo read(ImageFormat format, byte[] bytes, int length, boolean wholeFile) throws ImageRefusedException {
    ImageReader reader;
    try {
      reader = readerSpi(format).createReaderInstance();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create the ImageIO reader for " + format, e);
    }
    try (var input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, 0, length))) {
      reader.setInput(input, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width < 1 || height < 1) {
        throw new ImageRefusedException(ImageProblem.CORRUPT, "The " + format + " header declares " + width + "x"
            + height + " pixels; an image has at least one pixel each way.");
      }
      return new ImageInfo(format, width, height);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImageRefusedException refused) {
        throw refused;
      }
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ImageRefusedException(ImageProblem.CORRUPT, wholeFile
          ? "The bytes start like " + format + " but its header cannot be read (" + why + "). Send the file "
              + "unchanged, as the camera or editor wrote it."
          : "No readable " + format + " header within the first " + length + " bytes (" + why + "). The file "
              + "is corrupt, or carries more metadata before its header than the gateway reads.");
    } finally {
      reader.dispose();
    }
  }
}
