package io.strata.trainer.scheduler;

import java.util.List;

/** Mutable bookkeeping for one unfinished job. */
final class JobEntry {

  final JobRequest request;
  List<Assignment> placement;
  int nodeLossAttempts;

  JobEntry(JobRequest request) {
    this.request = request;
  }

  boolean running() {
    return placement != null;
  }

  JobState state() {
    return new JobState(request, running(), running() ? placement : List.of(), nodeLossAttempts);
  }
}
