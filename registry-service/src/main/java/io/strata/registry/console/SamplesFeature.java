package io.strata.registry.console;

import io.strata.auth.apps.CompactedTopicView;
import io.strata.blobstore.BlobStore;
import io.strata.events.SampleEvent;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's samples: a {@link SampleIndex} fed by a reader of the {@code samples} topic, and the blob store
 * that thumbnails are read from. The reader starts in the background (startup never waits for a long topic) and
 * retries every {@link #RETRY} while the topic does not exist yet.
 */
final class SamplesFeature implements AutoCloseable {

  static final Duration RETRY = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(SamplesFeature.class);

  private final SampleIndex index;
  private final Optional<BlobStore> blobs;
  private final Optional<CompactedTopicView<SampleEvent, Object>> view;
  private final String topic;
  private final Thread starter;
  private volatile boolean started;
  private volatile String problem;
  private volatile boolean closed;

  private SamplesFeature(SampleIndex index, Optional<BlobStore> blobs,
      Optional<CompactedTopicView<SampleEvent, Object>> view, String topic, String problem) {
    this.index = index;
    this.blobs = blobs;
    this.view = view;
    this.topic = topic;
    this.problem = problem;
    this.starter = view.isPresent() ? new Thread(this::startView, "console-samples-starter") : null;
  }

  /** Samples read from {@code view} (whose projection feeds {@code index}), started in the background. */
  static SamplesFeature reading(SampleIndex index, Optional<BlobStore> blobs,
      CompactedTopicView<SampleEvent, Object> view, String topic) {
    var feature = new SamplesFeature(index, blobs, Optional.of(view), topic, "reading topic '" + topic + "'");
    feature.starter.setDaemon(true);
    feature.starter.start();
    return feature;
  }

  /** No samples: the control plane is disabled. */
  static SamplesFeature disabled(String reason) {
    return new SamplesFeature(new SampleIndex(1), Optional.empty(), Optional.empty(), "", reason);
  }

  SampleIndex index() {
    return index;
  }

  Optional<BlobStore> blobs() {
    return blobs;
  }

  /** True once the reader has read every sample event that was in the topic when it started. */
  boolean caughtUp() {
    return started && view.map(CompactedTopicView::caughtUp).orElse(false);
  }

  /** Why samples may be missing or incomplete (for the page), or null when the reader has caught up. */
  String status() {
    if (caughtUp()) {
      return null;
    }
    return started ? "Still reading topic '" + topic + "' (" + index.events() + " events so far); counts grow "
        + "until it has caught up." : problem;
  }

  private void startView() {
    while (!closed) {
      try {
        view.orElseThrow().start();
        started = true;
        log.info("Console samples reader started topic={} perTenant={}", topic, index.perTenant());
        return;
      } catch (RuntimeException e) {
        problem = "The samples reader cannot start: " + e.getMessage() + " (retrying every " + RETRY.toSeconds()
            + " s)";
        log.warn("Console samples reader not started topic={} retryIn={} reason={}", topic, RETRY, e.getMessage());
      }
      try {
        Thread.sleep(RETRY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (starter != null) {
      starter.interrupt();
      try {
        starter.join(RETRY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    view.ifPresent(CompactedTopicView::close);
  }
}
