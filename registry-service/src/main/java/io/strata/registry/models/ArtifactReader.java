package io.strata.registry.models;

import io.strata.blobstore.BlobNotFoundException;
import io.strata.blobstore.BlobStore;
import io.strata.registry.controlplane.ApiError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

/**
 * Reads a model artifact (a zip) from the blob store in one streaming pass: finds {@code model.json}, hashes every
 * byte, and refuses the artifact (422 ARTIFACT_UNREADABLE) when it is missing, is not a zip with a valid manifest, or
 * its SHA-256 is not the one the job reported.
 */
final class ArtifactReader {

  static final String MANIFEST = "model.json";
  private static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final BlobStore blobs;

  ArtifactReader(BlobStore blobs) {
    this.blobs = blobs;
  }

  /** The manifest of the artifact with this hash. */
  ModelManifest manifest(String sha256, String artifactUri) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw unreadable(artifactUri, "the job reported artifact hash '" + sha256 + "', not 64 lower-case hex digits");
    }
    byte[] manifest = null;
    MessageDigest digest = sha256();
    try (InputStream raw = blobs.open(sha256); var hashed = new DigestInputStream(raw, digest)) {
      var zip = new ZipInputStream(hashed);
      for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals(MANIFEST)) {
          manifest = readBounded(zip);
        }
      }
      // The zip reader stops after the last entry; the central directory counts in the hash too.
      hashed.transferTo(OutputStream.nullOutputStream());
    } catch (BlobNotFoundException e) {
      throw unreadable(artifactUri, "the blob store has no blob " + sha256);
    } catch (IOException e) {
      throw unreadable(artifactUri, "reading it failed: " + e.getMessage());
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(sha256)) {
      throw unreadable(artifactUri, "its content hashes to " + actual + ", not the " + sha256 + " the job reported");
    }
    if (manifest == null) {
      throw unreadable(artifactUri, "it is not a zip holding " + MANIFEST);
    }
    try {
      return ModelManifest.parse(manifest);
    } catch (IllegalArgumentException e) {
      throw unreadable(artifactUri, e.getMessage());
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_MANIFEST_BYTES) {
        throw new IOException(MANIFEST + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
      }
    }
    return out.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static ApiError unreadable(String artifactUri, String why) {
    return ApiError.invalid("ARTIFACT_UNREADABLE", "Cannot publish the artifact " + artifactUri + ": " + why
        + "; the job's artifact must be a zip with a " + MANIFEST + " (format " + ModelManifest.FORMAT
        + ") in the registry's blob store");
  }
}
