package io.strata.trainer.scheduler;

import java.util.List;

/**
 * A job the scheduler knows and that has not finished.
 *
 * @param request what it asked for
 * @param running true when placed, false when queued
 * @param placement its GPUs when running, empty when queued
 * @param nodeLossAttempts how many times it lost a node
 */
public record JobState(JobRequest request, boolean running, List<Assignment> placement, int nodeLossAttempts) {

  public JobState {
    placement = List.copyOf(placement);
  }
}
