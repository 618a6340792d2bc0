package io.strata.registry.models;

import io.strata.registry.controlplane.ApiError;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each succeeded job that names its model ({@code request.modelName}) once: jobs arrive from the view of
 * {@code training-jobs} as they succeed, and at start every succeeded job of the log not published yet (the models
 * view, caught up before, knows which are). A job refused for good (artifact unreadable, ...) goes to the dead
 * letters with the reason; one refused for a while (Kafka or the blob store unavailable) is tried again.
 */
final class AutoPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AutoPublisher.class);
  private static final Duration RETRY_MIN = Duration.ofSeconds(1);
  private static final Duration RETRY_MAX = Duration.ofSeconds(30);

  private final Models models;
  private final JobDeadLetters deadLetters;
  private final LinkedBlockingQueue<JobState> queue = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private Thread thread;

  AutoPublisher(Models models, JobDeadLetters deadLetters) {
    this.models = models;
    this.deadLetters = deadLetters;
  }

  /** Hands over a job in its latest state (called by the jobs view's projection). */
  void offer(JobState job) {
    if (job.autoPublishModel() != null) {
      queue.add(job);
    }
  }

  /** Starts publishing, first the jobs of the log not published yet. */
  synchronized void start(Collection<JobState> known) {
    known.forEach(this::offer);
    running = true;
    thread = new Thread(this::run, "model-auto-publisher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    Duration backoff = RETRY_MIN;
    while (running) {
      JobState job;
      try {
        job = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (models.published(job.jobId())) {
        continue;
      }
      String model = job.autoPublishModel();
      try {
        models.publishJob(job, model, job.succeeded().getEventId());
        backoff = RETRY_MIN;
      } catch (ApiError e) {
        if (e.status() >= 500) {
          log.warn("Auto-publish postponed jobId={} model={} code={} retryIn={} reason={}", job.jobId(), model,
              e.code(), backoff, e.getMessage());
          queue.add(job);
          try {
            Thread.sleep(backoff.toMillis());
          } catch (InterruptedException interrupted) {
            return;
          }
          backoff = backoff.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : backoff.multipliedBy(2);
        } else if (!e.code().equals("JOB_ALREADY_PUBLISHED")) {
          log.error("Auto-publish refused jobId={} tenant={} model={} code={} reason={}", job.jobId(), job.tenantId(),
              model, e.code(), e.getMessage());
          deadLetters.send(job, e.code() + ": " + e.getMessage());
        }
      } catch (RuntimeException e) {
        log.error("Auto-publish failed jobId={} model={}: {}", job.jobId(), model, e.toString(), e);
        deadLetters.send(job, e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }
}
