package io.strata.trainer.jobs;

import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingRequest;
import io.strata.trainer.scheduler.JobRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a scheduler {@link JobRequest} from a REQUESTED event. {@code gpus} is per node. Until
 * {@code TrainingRequest} has {@code nodes} and {@code nodeSelector} fields, distributed jobs and node
 * selectors come from the hyperparameters {@value #NODES} and {@value #NODE_SELECTOR}{@code <label>}.
 */
public final class JobRequests {

  /** Hyperparameter: how many nodes a distributed job spans (default 1). */
  public static final String NODES = "scheduler.nodes";
  /** Hyperparameter prefix: a node label every node of the job must carry. */
  public static final String NODE_SELECTOR = "scheduler.node-selector.";

  private JobRequests() {}

  /**
   * The job a REQUESTED event asks for; its arrival is the event's {@code occurredAt}.
   *
   * @throws IllegalArgumentException when the event has no request or asks for something invalid
   */
  public static JobRequest from(TrainingJobEvent event) {
    TrainingRequest request = event.getRequest();
    if (request == null) {
      throw new IllegalArgumentException("REQUESTED event " + event.getEventId() + " of job '" + event.getJobId()
          + "' carries no request");
    }
    var hyper = request.getHyperparameters();
    int nodes;
    try {
      nodes = Integer.parseInt(hyper.getOrDefault(NODES, "1").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Job '" + event.getJobId() + "': hyperparameter " + NODES
          + " must be a whole number, got '" + hyper.get(NODES) + "'");
    }
    Map<String, String> selector = new HashMap<>();
    hyper.forEach((key, value) -> {
      if (key.startsWith(NODE_SELECTOR)) {
        selector.put(key.substring(NODE_SELECTOR.length()), value);
      }
    });
    return new JobRequest(event.getJobId(), event.getTenantId(), request.getPriority(), nodes, request.getGpus(),
        request.getGpuMemoryMb(), selector, event.getOccurredAt().toEpochMilli());
  }
}
