package io.strata.trainer.builtin.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares DJL before the engine loads: offline mode ({@code ai.djl.offline=true}: never download anything; the
 * PyTorch native libraries come from the {@code pytorch-native-cpu} jar on the classpath) and the cache directory
 * the native libraries are unpacked into (~430 MB on first use). An explicit {@code DJL_CACHE_DIR} (system property
 * or environment) wins, so a launcher can share one cache between jobs; otherwise it is {@code <fallback>}.
 */
public final class DjlEnvironment {

  private DjlEnvironment() {}

  /** Sets offline mode and the cache directory; returns the cache directory in use. */
  public static Path prepare(Path fallbackCacheDir) throws IOException {
    System.setProperty("ai.djl.offline", "true");
    String configured = System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
    Path cache = configured == null || configured.isBlank() ? fallbackCacheDir : Path.of(configured);
    Files.createDirectories(cache);
    System.setProperty("DJL_CACHE_DIR", cache.toString());
    return cache;
  }
}
