package io.strata.ingest.gateway.http;

import io.micronaut.core.io.buffer.ReadBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The request body as a blocking {@link InputStream} for the worker thread, fed by the HTTP event loop with a
 * window of chunks requested ahead.
 *
 * <p>Why not Micronaut's {@code @Body InputStream}: it requests one chunk (about 8 KB) at a time and blocks until
 * the event loop has delivered it, so a 0.5 MB upload costs some 64 round trips between two threads; on a busy
 * machine each waits for a time slice, and the upload spends most of its time in those hand-offs. Here the event
 * loop keeps delivering into a bounded queue while the worker hashes and writes (copying each buffer once, straight
 * into the reader's array), and the worker is woken only once
 * {@value #WAKE_BYTES} bytes (or the end) are there.
 *
 * <p>Memory: at most {@value #WINDOW_CHUNKS} chunks per request are requested and not yet read, whatever the size
 * of the upload. Read by one thread; the event loop may deliver from another.
 */
final class BodyPipe extends InputStream implements Subscriber<ReadBuffer> {

  /** Chunks requested ahead of the reader. */
  static final int WINDOW_CHUNKS = 32;
  /** More chunks are requested once the reader has taken this many. */
  static final int REFILL_CHUNKS = 8;
  /** A waiting reader is woken once this much is queued (or the body ended, or half the window is queued). */
  static final int WAKE_BYTES = 64 * 1024;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<ReadBuffer> chunks = new ArrayDeque<>();
  private long queuedBytes;
  private boolean complete;
  private Throwable failure;
  private boolean closed;
  private boolean waiting;
  private Subscription subscription;

  // Reader side only.
  private ReadBuffer current;
  private int taken;

  private BodyPipe() {}

  /** A pipe subscribed to {@code body}; the buffers it delivers are copied straight into the reader's array. */
  static BodyPipe of(Publisher<ReadBuffer> body) {
    var pipe = new BodyPipe();
    Objects.requireNonNull(body, "body").subscribe(pipe);
    return pipe;
  }

  @Override
  public void onSubscribe(Subscription s) {
    boolean cancel;
    lock.lock();
    try {
      cancel = closed || subscription != null;
      if (!cancel) {
        subscription = s;
      }
    } finally {
      lock.unlock();
    }
    if (cancel) {
      s.cancel();
    } else {
      s.request(WINDOW_CHUNKS);
    }
  }

  @Override
  public void onNext(ReadBuffer chunk) {
    lock.lock();
    try {
      if (closed || chunk.readable() == 0) {
        chunk.close();
        return;
      }
      chunks.addLast(chunk);
      queuedBytes += chunk.readable();
      if (waiting && (queuedBytes >= WAKE_BYTES || chunks.size() >= WINDOW_CHUNKS / 2)) {
        ready.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onError(Throwable t) {
    lock.lock();
    try {
      failure = t;
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onComplete() {
    lock.lock();
    try {
      complete = true;
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    int copied = 0;
    while (copied < length) {
      if (current == null) {
        // Block only for the first bytes; after that, hand back what is already here.
        current = take(copied == 0);
        if (current == null) {
          break;
        }
      }
      int n = Math.min(length - copied, current.readable());
      if (n == current.readable()) {
        current.toArray(buffer, offset + copied);
        current.close();
        current = null;
      } else {
        try (ReadBuffer part = current.split(n)) {
          part.toArray(buffer, offset + copied);
        }
      }
      copied += n;
    }
    return copied == 0 ? -1 : copied;
  }

  /**
   * The next chunk; null at the end of the body, or when {@code block} is false and none is queued.
   *
   * @throws IOException when the transfer failed and {@code block} is true
   */
  private ReadBuffer take(boolean block) throws IOException {
    ReadBuffer chunk;
    Subscription refill = null;
    lock.lock();
    try {
      while (chunks.isEmpty() && !complete && failure == null && block) {
        if (closed) {
          throw new IOException("The request body was closed");
        }
        waiting = true;
        try {
          ready.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("Interrupted while reading the request body", e);
        } finally {
          waiting = false;
        }
      }
      chunk = chunks.pollFirst();
      if (chunk == null) {
        // Bytes already copied by this read are returned first; the failure is thrown by the next read.
        if (failure != null && block) {
          throw failure instanceof IOException io ? new IOException(io.getMessage(), io)
              : new IOException("The request body could not be read: " + failure, failure);
        }
        return null;
      }
      queuedBytes -= chunk.readable();
      if (++taken >= REFILL_CHUNKS && !complete) {
        refill = subscription;
      }
    } finally {
      lock.unlock();
    }
    if (refill != null) {
      int more = taken;
      taken = 0;
      refill.request(more);
    }
    return chunk;
  }

  @Override
  public int available() {
    lock.lock();
    try {
      return (int) Math.min(Integer.MAX_VALUE, queuedBytes + (current == null ? 0 : current.readable()));
    } finally {
      lock.unlock();
    }
  }

  /** Stops the transfer: what was not read is cancelled and dropped. */
  @Override
  public void close() {
    Subscription cancel;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      chunks.forEach(ReadBuffer::close);
      chunks.clear();
      queuedBytes = 0;
      cancel = complete || failure != null ? null : subscription;
      ready.signal();
    } finally {
      lock.unlock();
    }
    if (current != null) {
      current.close();
      current = null;
    }
    if (cancel != null) {
      cancel.cancel();
    }
  }
}
