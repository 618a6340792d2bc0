package io.strata.registry.models;

import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingOutcome;
import io.strata.events.TrainingProgress;
import io.strata.events.TrainingRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A training job as the registry needs it: the fold of its {@code training-jobs} events (memory: the request,
 * the outcome and the success event).
 *
 * @param jobId the job
 * @param tenantId the owning tenant
 * @param request what was asked (from REQUESTED), or null while not seen
 * @param state the last lifecycle kind (PROGRESS and CANCEL_REQUESTED do not change it)
 * @param outcome the artifact and metrics of a SUCCEEDED job, or null
 * @param succeeded the SUCCEEDED event, or null
 * @param progress the PROGRESS reports in log order, one per epoch (a repeated epoch replaces the earlier report),
 *     at most {@value #MAX_EPOCHS}, for the console's chart
 * @param placement the nodes and GPUs of the latest SCHEDULED event, or null while not scheduled
 */
record JobState(String jobId, String tenantId, TrainingRequest request, TrainingJobEventKind state,
    TrainingOutcome outcome, TrainingJobEvent succeeded, List<TrainingProgress> progress,
    io.strata.events.Placement placement) {

  /** Epochs kept per job: enough for any chart, bounded so a runaway trainer cannot exhaust memory. */
  static final int MAX_EPOCHS = 1000;

  JobState {
    progress = List.copyOf(progress);
  }

  /** The state after {@code event}; an event of another tenant than the job's is ignored. */
  static JobState apply(JobState previous, TrainingJobEvent event) {
    if (previous != null && !previous.tenantId.equals(event.getTenantId())) {
      return previous;
    }
    TrainingRequest request = event.getRequest() != null ? event.getRequest()
        : previous == null ? null : previous.request;
    TrainingJobEventKind state = switch (event.getKind()) {
      case PROGRESS, CANCEL_REQUESTED, UNKNOWN -> previous == null ? event.getKind() : previous.state;
      default -> event.getKind();
    };
    boolean success = event.getKind() == TrainingJobEventKind.SUCCEEDED;
    return new JobState(event.getJobId(), event.getTenantId(), request, state,
        success ? event.getOutcome() : previous == null ? null : previous.outcome,
        success ? event : previous == null ? null : previous.succeeded,
        progress(previous == null ? List.of() : previous.progress, event),
        event.getPlacement() != null ? event.getPlacement() : previous == null ? null : previous.placement);
  }

  private static List<TrainingProgress> progress(List<TrainingProgress> before, TrainingJobEvent event) {
    if (event.getKind() != TrainingJobEventKind.PROGRESS || event.getProgress() == null) {
      return before;
    }
    var after = new ArrayList<TrainingProgress>(before);
    int epoch = event.getProgress().getEpoch();
    after.removeIf(p -> p.getEpoch() == epoch);
    if (after.size() >= MAX_EPOCHS) {
      after.remove(0);
    }
    after.add(event.getProgress());
    return after;
  }

  /** The model a succeeded job is published under automatically, or null. */
  String autoPublishModel() {
    return state == TrainingJobEventKind.SUCCEEDED && request != null ? request.getModelName() : null;
  }
}
