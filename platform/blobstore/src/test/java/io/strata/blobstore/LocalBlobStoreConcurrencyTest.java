package io.strata.blobstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreConcurrencyTest {

  private static final int THREADS = 8;
  private static final long SIZE = 4 * 1024 * 1024;

  @TempDir
  Path root;

  @Test
  void shouldStoreOneFileAndReportCreatedOnceWhenEightThreadsPutTheSameBytes() throws Exception {
    var store = new LocalBlobStore(root);
    var start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<BlobRef> refs = new ArrayList<>();
    try {
      List<Future<BlobRef>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        Callable<BlobRef> put = () -> {
          start.await();
          return store.put(new GeneratedStream(SIZE, 99), SIZE);
        };
        futures.add(pool.submit(put));
      }
      start.countDown();
      for (Future<BlobRef> future : futures) {
        refs.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }

    String expected = LocalBlobStoreTest.sha256(new GeneratedStream(SIZE, 99));
    assertThat(refs).extracting(BlobRef::sha256).containsOnly(expected);
    assertThat(refs).filteredOn(BlobRef::created).hasSize(1);
    try (Stream<Path> files = Files.walk(root.resolve("sha256"))) {
      assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
    }
    try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
      assertThat(files.toList()).isEmpty();
    }
    try (InputStream in = store.open(expected)) {
      assertThat(LocalBlobStoreTest.sha256(in)).isEqualTo(expected);
    }
  }
}
