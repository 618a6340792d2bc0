package io.strata.ingest.gateway.image;

import java.util.Locale;
import java.util.Optional;

/**
 * The image formats the gateway accepts, recognised by their magic bytes, and how each one ends, so that a
 * truncated file is told from a whole one without decoding its pixels.
 */
public enum ImageFormat {
  JPEG("image/jpeg", "jpeg"),
  PNG("image/png", "png"),
  GIF("image/gif", "gif"),
  BMP("image/bmp", "bmp"),
  WEBP("image/webp", "webp");

  /** Bytes needed to recognise every format. */
  public static final int MAGIC_BYTES = 12;
  /** Bytes at the end of a file that {@link #endsWhole} looks at. */
  public static final int TAIL_BYTES = 16;

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

  private final String mediaType;
  private final String imageIoName;

  ImageFormat(String mediaType, String imageIoName) {
    this.mediaType = mediaType;
    this.imageIoName = imageIoName;
  }

  /** The canonical media type, e.g. {@code image/png}. */
  public String mediaType() {
    return mediaType;
  }

  /** The ImageIO format name of the reader. */
  String imageIoName() {
    return imageIoName;
  }

  /** The format whose magic bytes start {@code head}, if any. */
  public static Optional<ImageFormat> detect(byte[] head, int length) {
    if (length >= 3 && u(head[0]) == 0xff && u(head[1]) == 0xd8 && u(head[2]) == 0xff) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, length, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, length, "GIF87a".getBytes()) || startsWith(head, length, "GIF89a".getBytes())) {
      return Optional.of(GIF);
    }
    if (length >= 12 && startsWith(head, length, "RIFF".getBytes()) && head[8] == 'W' && head[9] == 'E'
        && head[10] == 'B' && head[11] == 'P') {
      return Optional.of(WEBP);
    }
    if (length >= 2 && head[0] == 'B' && head[1] == 'M') {
      return Optional.of(BMP);
    }
    return Optional.empty();
  }

  /**
   * The format a media type names (parameters ignored, aliases such as {@code image/jpg} and
   * {@code image/x-ms-bmp} accepted); empty if it names none of them.
   */
  public static Optional<ImageFormat> ofMediaType(String mediaType) {
    if (mediaType == null) {
      return Optional.empty();
    }
    String type = mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "image/jpeg", "image/jpg", "image/pjpeg" -> Optional.of(JPEG);
      case "image/png", "image/x-png" -> Optional.of(PNG);
      case "image/gif" -> Optional.of(GIF);
      case "image/bmp", "image/x-bmp", "image/x-ms-bmp" -> Optional.of(BMP);
      case "image/webp" -> Optional.of(WEBP);
      default -> Optional.empty();
    };
  }

  /**
   * Whether a file of {@code size} bytes that starts with {@code head} and ends with {@code tail} is whole: a
   * JPEG ends with its EOI marker, a PNG with its IEND chunk, a GIF with its trailer, a BMP and a WebP are at
   * least as long as their headers declare.
   *
   * @return empty when whole, else what is missing
   */
  Optional<String> missingEnd(byte[] head, int headLength, byte[] tail, int tailLength, long size) {
    return switch (this) {
      case JPEG -> endsWithEoi(tail, tailLength) ? Optional.empty()
          : Optional.of("it does not end with the JPEG end-of-image marker FFD9");
      case PNG -> tailLength >= PNG_IEND.length && endsWith(tail, tailLength, PNG_IEND) ? Optional.empty()
          : Optional.of("it does not end with the PNG IEND chunk");
      case GIF -> tailLength >= 1 && tail[tailLength - 1] == 0x3b ? Optional.empty()
          : Optional.of("it does not end with the GIF trailer 0x3B");
      case BMP -> declaredAtLeast(headLength >= 6 ? le32(head, 2) : -1, size, "BMP file header");
      case WEBP -> declaredAtLeast(headLength >= 8 ? le32(head, 4) + 8 : -1, size, "RIFF header");
    };
  }

  private static Optional<String> declaredAtLeast(long declared, long size, String header) {
    if (declared < 0 || declared <= size) {
      return Optional.empty();
    }
    return Optional.of("its " + header + " declares " + declared + " bytes but only " + size + " arrived");
  }

  private static boolean endsWithEoi(byte[] tail, int length) {
    int end = length;
    // Some encoders pad after EOI with zero bytes; tolerate that, not arbitrary trailing data.
    while (end > 0 && tail[end - 1] == 0) {
      end--;
    }
    return end >= 2 && u(tail[end - 2]) == 0xff && u(tail[end - 1]) == 0xd9;
  }

  private static long le32(byte[] bytes, int at) {
    return (u(bytes[at]) | (u(bytes[at + 1]) << 8) | (u(bytes[at + 2]) << 16) | ((long) u(bytes[at + 3]) << 24));
  }

  private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(byte[] bytes, int length, byte[] suffix) {
    for (int i = 0; i < suffix.length; i++) {
      if (bytes[length - suffix.length + i] != suffix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u(byte b) {
    return b & 0xff;
  }
}
