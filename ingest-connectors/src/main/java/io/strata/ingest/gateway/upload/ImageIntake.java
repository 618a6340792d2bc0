package io.strata.ingest.gateway.upload;

import io.strata.blobstore.BlobRef;
import io.strata.blobstore.BlobStore;
import io.strata.blobstore.BlobTooLargeException;
import io.strata.ingest.gateway.image.ImageFormat;
import io.strata.ingest.gateway.image.ImageLimits;
import io.strata.ingest.gateway.image.ImageRefusedException;
import io.strata.ingest.gateway.image.InspectingStream;
import io.strata.ingest.gateway.upload.Uploads.FileUpload;
import io.strata.ingest.gateway.upload.Uploads.Refused;
import io.strata.ingest.gateway.upload.Uploads.Stored;
import io.strata.ingest.gateway.upload.Uploads.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of every ingest path that turns bytes into a durable, validated blob: magic bytes, decodable header,
 * size and pixel limits, then the blob store. Shared by the HTTP gateway ({@link Uploads}) and the drop-folder
 * connector, so that a file is judged the same way whichever door it came through. Thread-safe.
 */
public final class ImageIntake {

  private final BlobStore blobs;
  private final ImageLimits limits;

  public ImageIntake(BlobStore blobs, ImageLimits limits) {
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The limits files are checked against. */
  public ImageLimits limits() {
    return limits;
  }

  /**
   * Refuses a declared type no accepted format has, before any byte is read; empty when the declaration is
   * acceptable (or absent).
   */
  public Optional<Refusal> checkDeclaredType(Optional<String> declaredType) {
    Optional<String> declared = effective(declaredType);
    if (declared.isPresent() && ImageFormat.ofMediaType(declared.get()).isEmpty()) {
      return Optional.of(Refusal.of(UploadError.UNSUPPORTED_TYPE, "Content type '" + declared.get() + "' is not "
          + "accepted. Upload JPEG (image/jpeg), PNG (image/png), GIF (image/gif), BMP (image/bmp) or WebP "
          + "(image/webp)."));
    }
    return Optional.empty();
  }

  /**
   * Streams {@code content} to the blob store while inspecting it. Memory does not grow with its size. The blob
   * is durable when a {@link StoredBlob} is returned; nothing is kept for a {@link Refused} one.
   *
   * @param endCheck run after the last byte and before the blob is kept; may refuse by throwing a
   *     {@link RefusedException}
   * @throws IOException when the blob store fails (not the file's fault)
   */
  public Stored store(InputStream content, FileUpload file, InspectingStream.EndCheck endCheck) throws IOException {
    Optional<Refusal> badType = checkDeclaredType(file.declaredType());
    if (badType.isPresent()) {
      return new Refused(file, badType.get(), 0);
    }
    Optional<ImageFormat> declared = effective(file.declaredType()).flatMap(ImageFormat::ofMediaType);
    var inspecting = new InspectingStream(BodyReadException.marking(content), declared, limits, endCheck);
    try {
      BlobRef blob = blobs.put(inspecting, limits.maxBytes());
      return new StoredBlob(file, blob, inspecting.info().orElseThrow());
    } catch (ImageRefusedException e) {
      return new Refused(file, Refusal.of(UploadError.of(e.problem()), e.getMessage()), inspecting.size());
    } catch (RefusedException e) {
      return new Refused(file, e.refusal(), inspecting.size());
    } catch (BlobTooLargeException e) {
      return new Refused(file, tooLarge(), inspecting.size());
    } catch (BodyReadException e) {
      return new Refused(file, Refusal.of(UploadError.BODY_READ_FAILED, e.getMessage()
          + ". Nothing was stored; send the request again."), inspecting.size());
    }
  }

  /** The refusal of a file above the size limit. */
  public Refusal tooLarge() {
    return Refusal.of(UploadError.TOO_LARGE, "The file is larger than this gateway's limit of " + limits.maxBytes()
        + " bytes. Nothing was stored; downscale or recompress it.");
  }

  private static Optional<String> effective(Optional<String> declaredType) {
    return declaredType.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .filter(t -> !t.isEmpty() && !t.equals("application/octet-stream"));
  }
}
