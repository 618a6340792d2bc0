package io.strata.trainer.jobs;

import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingRequest;
import io.strata.trainer.scheduler.Assignment;
import io.strata.trainer.scheduler.GpuScheduler;
import io.strata.trainer.scheduler.JobRequest;
import io.strata.trainer.scheduler.JobState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fold of {@code training-jobs} into each job's last known state. It folds each job on its own
 * (a job's events share a partition, so their order is the log's), which makes the result
 * independent of how partitions interleave on replay; {@link #restoreInto} then hands the unfinished
 * jobs to an empty scheduler.
 */
public final class JobLedger {

  private final Map<String, Entry> entries = new HashMap<>();

  /** One job's folded state. */
  private static final class Entry {
    JobRequest job;
    TrainingRequest request;
    List<Assignment> placement;
    int nodeLosses;
    boolean finished;
  }

  /** Folds one event. A REQUESTED event that is not a valid request finishes the job (its FAILED event follows). */
  public void apply(TrainingJobEvent event) {
    Entry entry = entries.get(event.getJobId());
    switch (event.getKind()) {
      case REQUESTED -> {
        if (entry == null) {
          entry = new Entry();
          entries.put(event.getJobId(), entry);
          try {
            entry.job = JobRequests.from(event);
            entry.request = event.getRequest();
          } catch (IllegalArgumentException e) {
            entry.finished = true;
          }
        }
      }
      case SCHEDULED -> {
        if (entry != null && !entry.finished && event.getPlacement() != null) {
          entry.placement = JobEvents.assignments(event.getPlacement());
        }
      }
      case REQUEUED -> {
        if (entry != null) {
          entry.placement = null;
          if (RequeueCause.of(event.getReason()) == RequeueCause.NODE_LOST) {
            entry.nodeLosses++;
          }
        }
      }
      case SUCCEEDED, FAILED, CANCELLED -> {
        if (entry == null) {
          entry = new Entry();
          entries.put(event.getJobId(), entry);
        }
        entry.finished = true;
        entry.placement = null;
      }
      default -> { }
    }
  }

  /** The request of a job the ledger knows (for relaunching after a restart). */
  public Optional<TrainingRequest> request(String jobId) {
    return Optional.ofNullable(entries.get(jobId)).map(e -> e.request);
  }

  /** Every unfinished job as the log left it (queued, or running on its placement), in job-id order. */
  public List<JobState> unfinished() {
    var states = new java.util.ArrayList<JobState>();
    new TreeMap<>(entries).forEach((jobId, entry) -> {
      if (!entry.finished && entry.job != null) {
        states.add(new JobState(entry.job, entry.placement != null,
            entry.placement == null ? List.of() : entry.placement, entry.nodeLosses));
      }
    });
    return states;
  }

  /** True when the ledger has seen a REQUESTED, or a final event, for {@code jobId}. */
  public boolean knows(String jobId) {
    return entries.containsKey(jobId);
  }

  /** Gives every job to {@code scheduler} (which must know no jobs yet), in job-id order. */
  public void restoreInto(GpuScheduler scheduler) {
    new TreeMap<>(entries).forEach((jobId, entry) -> {
      if (entry.finished || entry.job == null) {
        scheduler.restoreFinished(jobId);
      } else {
        scheduler.restore(new JobState(entry.job, entry.placement != null,
            entry.placement == null ? List.of() : entry.placement, entry.nodeLosses));
      }
    });
  }
}
