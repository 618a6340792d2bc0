package io.strata.trainer.service;

import io.strata.events.Placement;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingOutcome;
import io.strata.events.TrainingProgress;
import io.strata.events.TrainingRequest;
import java.time.Instant;

/**
 * What the API shows of one job: the fold of its {@code training-jobs} events. Constant size per job (only the
 * latest progress is kept), so the service holds every job of the log in memory, roughly 1 KB each.
 *
 * @param jobId the job
 * @param tenantId its tenant
 * @param request what was asked (null until a REQUESTED event was seen)
 * @param state QUEUED, SCHEDULED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param cancelRequested a CANCEL_REQUESTED event was seen
 * @param placement the last placement (null when never scheduled)
 * @param progress the latest progress report
 * @param outcome the outcome of a SUCCEEDED job
 * @param reason why it failed, was cancelled or requeued
 * @param logsUri where its logs are
 * @param requestedAt when it was requested
 * @param updatedAt its last event's time
 */
record JobRecord(String jobId, String tenantId, TrainingRequest request, String state, boolean cancelRequested,
    Placement placement, TrainingProgress progress, TrainingOutcome outcome, String reason, String logsUri,
    Instant requestedAt, Instant updatedAt) {

  static final String QUEUED = "QUEUED";
  static final String SCHEDULED = "SCHEDULED";
  static final String RUNNING = "RUNNING";
  static final String SUCCEEDED = "SUCCEEDED";
  static final String FAILED = "FAILED";
  static final String CANCELLED = "CANCELLED";

  /** True once the job succeeded, failed or was cancelled; no later event changes it. */
  boolean finished() {
    return state.equals(SUCCEEDED) || state.equals(FAILED) || state.equals(CANCELLED);
  }

  /** The record after {@code event}; {@code previous} is null for the job's first event. */
  static JobRecord next(JobRecord previous, TrainingJobEvent event) {
    JobRecord r = previous != null ? previous : new JobRecord(event.getJobId(), event.getTenantId(), null, QUEUED,
        false, null, null, null, null, null, event.getOccurredAt(), event.getOccurredAt());
    if (r.finished()) {
      return r;
    }
    String logs = event.getLogsUri() != null ? event.getLogsUri() : r.logsUri();
    Instant at = event.getOccurredAt();
    return switch (event.getKind()) {
      case REQUESTED -> r.request() != null ? r : new JobRecord(r.jobId(), r.tenantId(), event.getRequest(), r.state(),
          r.cancelRequested(), r.placement(), r.progress(), r.outcome(), r.reason(), logs, at, at);
      case SCHEDULED -> r.with(SCHEDULED, event.getPlacement(), r.progress(), null, r.reason(), logs, at);
      case STARTED, PROGRESS -> r.with(RUNNING, r.placement(),
          event.getProgress() != null ? event.getProgress() : r.progress(), null, r.reason(), logs, at);
      case REQUEUED -> r.with(QUEUED, r.placement(), r.progress(), null, event.getReason(), logs, at);
      case SUCCEEDED -> r.with(SUCCEEDED, r.placement(), r.progress(), event.getOutcome(), null, logs, at);
      case FAILED -> r.with(FAILED, r.placement(), r.progress(), null, event.getReason(), logs, at);
      case CANCELLED -> r.with(CANCELLED, r.placement(), r.progress(), null, event.getReason(), logs, at);
      case CANCEL_REQUESTED -> new JobRecord(r.jobId(), r.tenantId(), r.request(), r.state(), true, r.placement(),
          r.progress(), r.outcome(), r.reason(), logs, r.requestedAt(), at);
      default -> r;
    };
  }

  private JobRecord with(String newState, Placement newPlacement, TrainingProgress newProgress,
      TrainingOutcome newOutcome, String newReason, String logs, Instant at) {
    return new JobRecord(jobId, tenantId, request, newState, cancelRequested, newPlacement, newProgress, newOutcome,
        newReason, logs, requestedAt, at);
  }
}
