package io.strata.trainer.jobs;

import io.strata.events.NodeGpus;
import io.strata.events.Placement;
import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingOutcome;
import io.strata.events.TrainingProgress;
import io.strata.trainer.scheduler.Assignment;
import io.strata.trainer.scheduler.Decision;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Builds the {@code training-jobs} events the launcher appends: one per decision and per launcher report. */
public final class JobEvents {

  private final String producer;
  private final String launcher;
  private final Clock clock;
  private final Supplier<String> eventIds;

  /**
   * @param producer the {@code producer} field, e.g. {@code trainer-launcher@host}
   * @param launcher the placement's launcher name ({@code local} or {@code kubernetes})
   * @param clock event time
   * @param eventIds new event ids (UUIDs in production)
   */
  public JobEvents(String producer, String launcher, Clock clock, Supplier<String> eventIds) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.launcher = Objects.requireNonNull(launcher, "launcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
  }

  /** The producer name written on every event; the service skips its own events when reading live. */
  public String producer() {
    return producer;
  }

  /** The event recording {@code decision}. */
  public TrainingJobEvent of(Decision decision, String causationId) {
    var job = decision.job();
    var event = base(job.jobId(), job.tenantId(), causationId);
    if (decision instanceof Decision.Scheduled s) {
      return event.setKind(TrainingJobEventKind.SCHEDULED).setPlacement(new Placement(launcher, nodeGpus(s.placement())))
          .build();
    }
    if (decision instanceof Decision.Preempted p) {
      return event.setKind(TrainingJobEventKind.REQUEUED)
          .setReason(RequeueCause.PREEMPTED.reason("by job '" + p.byJobId() + "' of higher priority")).build();
    }
    if (decision instanceof Decision.Requeued r) {
      return event.setKind(TrainingJobEventKind.REQUEUED).setReason(RequeueCause.NODE_LOST.reason("node '" + r.node()
          + "' left (node loss " + r.attempt() + " of " + r.maxAttempts() + " allowed before the job fails)")).build();
    }
    if (decision instanceof Decision.Failed f) {
      return event.setKind(TrainingJobEventKind.FAILED).setReason(f.reason()).build();
    }
    var c = (Decision.Cancelled) decision;
    return event.setKind(TrainingJobEventKind.CANCELLED).setReason(c.reason()).build();
  }

  /** The job's process or pod started; its logs are at {@code logsUri}. */
  public TrainingJobEvent started(String jobId, String tenantId, String logsUri) {
    return base(jobId, tenantId, null).setKind(TrainingJobEventKind.STARTED).setLogsUri(logsUri).build();
  }

  /** The trainer reported progress. */
  public TrainingJobEvent progress(String jobId, String tenantId, TrainingProgress progress, String logsUri) {
    return base(jobId, tenantId, null).setKind(TrainingJobEventKind.PROGRESS).setProgress(progress)
        .setLogsUri(logsUri).build();
  }

  /** The trainer exited successfully; {@code outcome} is null when it reported no artifact. */
  public TrainingJobEvent succeeded(String jobId, String tenantId, TrainingOutcome outcome, String logsUri) {
    return base(jobId, tenantId, null).setKind(TrainingJobEventKind.SUCCEEDED).setOutcome(outcome)
        .setLogsUri(logsUri).build();
  }

  /** The trainer failed. */
  public TrainingJobEvent failed(String jobId, String tenantId, String reason, String logsUri) {
    return base(jobId, tenantId, null).setKind(TrainingJobEventKind.FAILED).setReason(reason).setLogsUri(logsUri)
        .build();
  }

  /** The job went back to the queue for {@code reason} (a {@link RequeueCause} prefix decides how it counts). */
  public TrainingJobEvent requeued(String jobId, String tenantId, String reason, String causationId) {
    return base(jobId, tenantId, causationId).setKind(TrainingJobEventKind.REQUEUED).setReason(reason).build();
  }

  /** A job was asked for (the service's own API: policy {@code manual}). */
  public TrainingJobEvent requested(String jobId, String tenantId, io.strata.events.TrainingRequest request,
      String causationId) {
    return base(jobId, tenantId, causationId).setKind(TrainingJobEventKind.REQUESTED).setRequest(request).build();
  }

  /** Someone asked to cancel the job; the service stops it and appends CANCELLED. */
  public TrainingJobEvent cancelRequested(String jobId, String tenantId, String reason, String causationId) {
    return base(jobId, tenantId, causationId).setKind(TrainingJobEventKind.CANCEL_REQUESTED).setReason(reason)
        .build();
  }

  /** The trainer was stopped from outside the launcher (e.g. its Kubernetes Job was deleted). */
  public TrainingJobEvent cancelled(String jobId, String tenantId, String reason, String logsUri) {
    return base(jobId, tenantId, null).setKind(TrainingJobEventKind.CANCELLED).setReason(reason)
        .setLogsUri(logsUri).build();
  }

  private TrainingJobEvent.Builder base(String jobId, String tenantId, String causationId) {
    return TrainingJobEvent.newBuilder().setEventId(eventIds.get()).setTenantId(tenantId)
        .setOccurredAt(clock.instant()).setProducer(producer).setCausationId(causationId).setJobId(jobId);
  }

  private static List<NodeGpus> nodeGpus(List<Assignment> placement) {
    return placement.stream().map(a -> new NodeGpus(a.node(), a.gpuIndices())).toList();
  }

  /** The scheduler's view of a SCHEDULED event's placement. */
  public static List<Assignment> assignments(Placement placement) {
    return placement.getNodes().stream().map(n -> new Assignment(n.getNode(), n.getGpuIndices())).toList();
  }
}
