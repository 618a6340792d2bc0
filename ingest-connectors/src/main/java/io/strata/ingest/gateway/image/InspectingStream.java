package io.strata.ingest.gateway.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Passes an upload through unchanged while deciding whether it is an acceptable image: the magic bytes as soon
 * as they arrive, the header once the first {@link ImageLimits#headerBytes()} bytes (or the whole file) are in,
 * and, at the end, whether the file is whole and whatever else the caller checks then (the signed body hash).
 * A refusal is thrown from {@code read} as an {@link ImageRefusedException}, before the reader sees the end of
 * the stream, so a blob store that is copying it aborts and keeps nothing.
 *
 * <p>Memory: the first bytes up to where the header could be read ({@code headerBytes} at most, grown as they
 * arrive) and the last 16, whatever the size of the upload. Not thread-safe.
 */
public final class InspectingStream extends FilterInputStream {

  /** A last check run when the stream ends, before its end is reported; may refuse by throwing. */
  @FunctionalInterface
  public interface EndCheck {
    void atEnd() throws IOException;
  }

  /** The first early try of the header, with this many bytes in (then 4x as many, and so on). */
  static final int FIRST_ATTEMPT_BYTES = 16 * 1024;

  private final Optional<ImageFormat> declared;
  private final ImageLimits limits;
  private final EndCheck endCheck;
  private byte[] head = new byte[8192];
  private int headLength;
  private final byte[] tail = new byte[ImageFormat.TAIL_BYTES];
  private int tailLength;
  private long size;
  private ImageFormat format;
  private ImageInfo info;
  private boolean ended;
  /** The head length at which the header is next tried before the whole window is in. */
  private long nextAttempt = FIRST_ATTEMPT_BYTES;

  /**
   * @param in the upload's bytes
   * @param declared the format the caller declared, or empty when it declared none (any accepted format)
   * @param limits pixel limit and header window
   * @param endCheck run once the last byte has passed
   */
  public InspectingStream(InputStream in, Optional<ImageFormat> declared, ImageLimits limits, EndCheck endCheck) {
    super(Objects.requireNonNull(in, "in"));
    this.declared = Objects.requireNonNull(declared, "declared");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.endCheck = Objects.requireNonNull(endCheck, "endCheck");
  }

  /** What the image is; present once the stream has been read to its end without a refusal. */
  public Optional<ImageInfo> info() {
    return ended ? Optional.ofNullable(info) : Optional.empty();
  }

  /** The bytes that have passed so far. */
  public long size() {
    return size;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (ended) {
      return -1;
    }
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      passed(buffer, offset, n);
    } else if (n < 0) {
      end();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("An inspected upload is read, not skipped");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void passed(byte[] buffer, int offset, int n) throws IOException {
    size += n;
    // Once the header is read, the head is no longer needed: without this, every file below headerBytes was
    // copied whole into it (growing by doubling) and parsed at its end.
    if (info == null && headLength < limits.headerBytes()) {
      int take = Math.min(n, limits.headerBytes() - headLength);
      if (headLength + take > head.length) {
        head = Arrays.copyOf(head, (int) Math.min(limits.headerBytes(), Math.max(head.length * 2L, headLength + take)));
      }
      System.arraycopy(buffer, offset, head, headLength, take);
      headLength += take;
    }
    keepTail(buffer, offset, n);
    if (format == null && headLength >= ImageFormat.MAGIC_BYTES) {
      format = recognise();
    }
    if (info == null && format != null) {
      if (headLength == limits.headerBytes()) {
        info = inspect(false);
      } else if (headLength >= nextAttempt) {
        // Most headers are in the first few KB: try early, and keep collecting only while it is not found yet.
        nextAttempt = headLength * 4L;
        Optional<ImageInfo> early = ImageHeaders.tryRead(format, head, headLength);
        if (early.isPresent()) {
          info = withinLimits(early.get());
        }
      }
    }
  }

  private void keepTail(byte[] buffer, int offset, int n) {
    if (n >= tail.length) {
      System.arraycopy(buffer, offset + n - tail.length, tail, 0, tail.length);
      tailLength = tail.length;
      return;
    }
    int keep = Math.min(tailLength, tail.length - n);
    System.arraycopy(tail, tailLength - keep, tail, 0, keep);
    System.arraycopy(buffer, offset, tail, keep, n);
    tailLength = keep + n;
  }

  private void end() throws IOException {
    if (size == 0) {
      throw new ImageRefusedException(ImageProblem.EMPTY, "The upload has no bytes. Send the image file's "
          + "content as the body (or as the part's content in multipart).");
    }
    if (format == null) {
      format = recognise();
    }
    if (info == null) {
      info = inspect(true);
    }
    Optional<String> missing = format.missingEnd(head, headLength, tail, tailLength, size);
    if (missing.isPresent()) {
      throw new ImageRefusedException(ImageProblem.CORRUPT, "The " + format + " image is truncated or corrupt: "
          + missing.get() + " (" + size + " bytes received). Send the whole file.");
    }
    endCheck.atEnd();
    ended = true;
  }

  private ImageFormat recognise() throws ImageRefusedException {
    Optional<ImageFormat> detected = ImageFormat.detect(head, headLength);
    if (detected.isEmpty()) {
      if (declared.isPresent()) {
        throw new ImageRefusedException(ImageProblem.CORRUPT, "The upload was declared " + declared.get().mediaType()
            + " but its bytes do not start like any image format (" + hex() + "). The file is corrupt or not an image.");
      }
      throw new ImageRefusedException(ImageProblem.UNSUPPORTED, "The bytes are not JPEG, PNG, GIF, BMP or WebP "
          + "(they start " + hex() + "). Convert the image to one of those formats.");
    }
    if (declared.isPresent() && declared.get() != detected.get()) {
      throw new ImageRefusedException(ImageProblem.TYPE_MISMATCH, "The upload was declared "
          + declared.get().mediaType() + " but its bytes are " + detected.get().mediaType() + ". Send Content-Type "
          + detected.get().mediaType() + " (or fix the file).");
    }
    return detected.get();
  }

  private ImageInfo inspect(boolean wholeFile) throws ImageRefusedException {
    return withinLimits(ImageHeaders.read(format, head, headLength, wholeFile));
  }

  private ImageInfo withinLimits(ImageInfo read) throws ImageRefusedException {
    long pixels = (long) read.width() * read.height();
    if (pixels > limits.maxPixels()) {
      throw new ImageRefusedException(ImageProblem.TOO_MANY_PIXELS, "The image is " + read.width() + "x"
          + read.height() + " = " + pixels + " pixels; this gateway accepts at most " + limits.maxPixels()
          + ". Downscale it before uploading.");
    }
    return read;
  }

  private String hex() {
    var text = new StringBuilder();
    for (int i = 0; i < Math.min(8, headLength); i++) {
      text.append(String.format("%02X", head[i] & 0xff));
    }
    return text.length() == 0 ? "nothing" : text.toString();
  }
}
