package io.strata.serving;

import io.strata.blobstore.BlobNotFoundException;
import io.strata.blobstore.BlobStore;
import io.strata.trainer.builtin.artifact.ModelDescription;
import io.strata.trainer.builtin.inference.ImageClassifier;
import io.strata.trainer.builtin.inference.UnservableModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model versions loaded for serving, at most {@code capacity}; the least recently used one is closed when
 * another is needed. A version is loaded on its first call: its artifact is read from the blob store, checked
 * against the SHA-256 the registry published, unpacked and loaded. Versions of other frameworks than the built-in
 * trainer's are refused with 501 (serving custom trainers' models is not built yet).
 */
final class LoadedModels implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoadedModels.class);

  private final BlobStore blobs;
  private final Path directory;
  private final int capacity;
  private final int concurrency;
  private final LinkedHashMap<String, ImageClassifier> loaded = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Object> loading = new ConcurrentHashMap<>();

  LoadedModels(BlobStore blobs, Path directory, int capacity, int concurrency) {
    this.blobs = blobs;
    this.directory = directory;
    this.capacity = capacity;
    this.concurrency = concurrency;
  }

  /** The loaded classifier of {@code version}, loading it first if needed. */
  ImageClassifier classifier(ModelRoutes.Version version) {
    synchronized (this) {
      ImageClassifier classifier = loaded.get(version.key());
      if (classifier != null) {
        return classifier;
      }
    }
    // One load per version at a time; calls for other versions go on.
    synchronized (loading.computeIfAbsent(version.key(), k -> new Object())) {
      synchronized (this) {
        ImageClassifier classifier = loaded.get(version.key());
        if (classifier != null) {
          return classifier;
        }
      }
      ImageClassifier classifier = load(version);
      synchronized (this) {
        loaded.put(version.key(), classifier);
        while (loaded.size() > capacity) {
          var eldest = loaded.entrySet().iterator().next();
          loaded.remove(eldest.getKey());
          eldest.getValue().close();
          log.info("Model unloaded key={} reason=capacity capacity={}", eldest.getKey(), capacity);
        }
      }
      return classifier;
    }
  }

  /** How many versions are loaded. */
  synchronized int size() {
    return loaded.size();
  }

  private ImageClassifier load(ModelRoutes.Version version) {
    if (!ModelDescription.FRAMEWORK.equals(version.framework())) {
      throw new ApiException(501, "NOT_YET", "Model '" + version.modelName() + "' version " + version.version()
          + " was trained with framework '" + version.framework() + "'; serving models other than the built-in "
          + "trainer's (" + ModelDescription.FRAMEWORK + ") is not built yet");
    }
    long started = System.nanoTime();
    Path target = directory.resolve(version.tenantId()).resolve(version.modelName())
        .resolve(Integer.toString(version.version()));
    try {
      Files.createDirectories(target);
      Path artifact = target.resolve("artifact.zip");
      MessageDigest digest = sha256();
      try (InputStream in = new DigestInputStream(blobs.open(version.artifactSha256()), digest);
          OutputStream out = Files.newOutputStream(artifact)) {
        in.transferTo(out);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(version.artifactSha256())) {
        throw new ApiException(500, "MODEL_UNAVAILABLE", "The artifact of model '" + version.modelName()
            + "' version " + version.version() + " is corrupt in the blob store (SHA-256 " + actual + ", published "
            + version.artifactSha256() + "); republish the model");
      }
      ImageClassifier classifier = ImageClassifier.load(artifact, target.resolve("unpacked"), concurrency);
      log.info("Model loaded key={} classes={} loadMs={}", version.key(), classifier.classes(),
          (System.nanoTime() - started) / 1_000_000);
      return classifier;
    } catch (BlobNotFoundException e) {
      throw new ApiException(503, "MODEL_UNAVAILABLE", "The artifact of model '" + version.modelName() + "' version "
          + version.version() + " is not in the blob store this service reads (" + version.artifactUri() + "); check "
          + ServingSettings.BLOB_STORE);
    } catch (UnservableModelException e) {
      throw new ApiException(501, "NOT_YET", "Model '" + version.modelName() + "' version " + version.version()
          + " cannot be served: " + e.getMessage());
    } catch (IOException e) {
      throw new ApiException(503, "MODEL_UNAVAILABLE", "Loading model '" + version.modelName() + "' version "
          + version.version() + " failed: " + e.getMessage() + "; try again");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public synchronized void close() {
    loaded.values().forEach(ImageClassifier::close);
    loaded.clear();
  }
}
