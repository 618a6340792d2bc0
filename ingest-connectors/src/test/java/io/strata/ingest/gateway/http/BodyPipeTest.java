package io.strata.ingest.gateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.io.buffer.ReadBuffer;
import io.micronaut.core.io.buffer.ReadBufferFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class BodyPipeTest {

  /** Delivers {@code chunks} chunks of {@code chunkSize} bytes on its own thread, as demanded. */
  private static final class ChunkSource implements Publisher<ReadBuffer> {
    final byte[] bytes;
    final int chunkSize;
    final RuntimeException failAtEnd;
    final AtomicLong demand = new AtomicLong();
    final AtomicLong maxOutstanding = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();

    ChunkSource(byte[] bytes, int chunkSize, RuntimeException failAtEnd) {
      this.bytes = bytes;
      this.chunkSize = chunkSize;
      this.failAtEnd = failAtEnd;
    }

    @Override
    public void subscribe(Subscriber<? super ReadBuffer> subscriber) {
      subscriber.onSubscribe(new Subscription() {
        @Override
        public void request(long n) {
          maxOutstanding.accumulateAndGet(demand.addAndGet(n), Math::max);
        }

        @Override
        public void cancel() {
          cancelled.set(true);
        }
      });
      Thread loop = new Thread(() -> {
        int at = 0;
        while (at < bytes.length && !cancelled.get()) {
          if (demand.get() == 0) {
            Thread.onSpinWait();
            continue;
          }
          demand.decrementAndGet();
          int n = Math.min(chunkSize, bytes.length - at);
          byte[] chunk = new byte[n];
          System.arraycopy(bytes, at, chunk, 0, n);
          subscriber.onNext(ReadBufferFactory.getJdkFactory().adapt(chunk));
          at += n;
        }
        if (!cancelled.get()) {
          if (failAtEnd != null) {
            subscriber.onError(failAtEnd);
          } else {
            subscriber.onComplete();
          }
        }
      }, "test-event-loop");
      loop.setDaemon(true);
      loop.start();
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  @Test
  void readsEveryByteInOrderWithOddReadSizes() throws IOException {
    byte[] body = random(300_001);
    var source = new ChunkSource(body, 8192, null);
    var out = new ByteArrayOutputStream();
    try (BodyPipe pipe = BodyPipe.of(source)) {
      byte[] buffer = new byte[5000];
      int n;
      while ((n = pipe.read(buffer, 0, buffer.length)) >= 0) {
        out.write(buffer, 0, n);
      }
      assertEquals(-1, pipe.read());
    }
    assertArrayEquals(body, out.toByteArray());
  }

  @Test
  void neverRequestsMoreThanItsWindowAhead() throws IOException {
    var source = new ChunkSource(random(2_000_000), 4096, null);
    try (BodyPipe pipe = BodyPipe.of(source)) {
      assertEquals(2_000_000, pipe.readAllBytes().length);
    }
    assertTrue(source.maxOutstanding.get() <= BodyPipe.WINDOW_CHUNKS,
        "outstanding demand " + source.maxOutstanding.get() + " exceeds the window");
  }

  @Test
  void anEmptyBodyEndsAtOnce() throws IOException {
    try (BodyPipe pipe = BodyPipe.of(new ChunkSource(new byte[0], 8192, null))) {
      assertEquals(-1, pipe.read(new byte[16], 0, 16));
    }
  }

  @Test
  void aTransferErrorIsAnIOExceptionAfterTheBytesBeforeIt() throws IOException {
    byte[] body = random(20_000);
    try (BodyPipe pipe = BodyPipe.of(new ChunkSource(body, 8192, new IllegalStateException("connection reset")))) {
      byte[] read = new byte[30_000];
      int total = 0;
      IOException failure = null;
      try {
        int n;
        while ((n = pipe.read(read, total, read.length - total)) > 0) {
          total += n;
        }
      } catch (IOException e) {
        failure = e;
      }
      assertEquals(20_000, total);
      assertTrue(failure != null && failure.getMessage().contains("connection reset"), String.valueOf(failure));
    }
  }

  @Test
  void closingCancelsTheRestOfTheTransfer() throws IOException {
    var source = new ChunkSource(random(5_000_000), 8192, null);
    BodyPipe pipe = BodyPipe.of(source);
    assertEquals(100, pipe.readNBytes(100).length);
    pipe.close();
    assertTrue(source.cancelled.get());
    assertThrows(IOException.class, () -> pipe.read(new byte[10], 0, 10));
  }
}
