package io.strata.ingest.gateway.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
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

  private ImageHeaders() {}

  /**
   * @param wholeFile true when {@code bytes} is the whole file, false when only its first bytes
   * @throws ImageRefusedException ({@link ImageProblem#CORRUPT}) when no header can be read from them
   */
  static ImageInfo read(ImageFormat format, byte[] bytes, int length, boolean wholeFile) throws ImageRefusedException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    if (!readers.hasNext()) {
      throw new IllegalStateException("No ImageIO reader for " + format + " on the classpath");
    }
    ImageReader reader = readers.next();
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
