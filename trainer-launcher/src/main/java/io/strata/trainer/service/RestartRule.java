package io.strata.trainer.service;

import io.strata.trainer.jobs.RequeueCause;
import io.strata.trainer.scheduler.JobState;
import java.util.ArrayList;
import java.util.List;

/**
 * What a starting service does with the jobs the log says are running (SCHEDULED or STARTED by a previous run,
 * never finished). Their processes belong to a run that is gone: the service stops any that survived (so a job
 * never runs twice at once), then requeues the job — a REQUEUED event with reason {@code node-lost: ...} that
 * counts as a node loss — or fails it once it has lost its launcher {@code maxAttempts} times, so a job that
 * crashes the launcher cannot loop forever. Queued jobs stay queued.
 */
final class RestartRule {

  /** One job to requeue ({@code fail == false}) or fail, with the event's reason. */
  record Action(String jobId, String tenantId, boolean fail, String reason) {}

  private RestartRule() {}

  /** The actions for {@code unfinished} (the ledger's unfinished jobs), in their order. */
  static List<Action> decide(List<JobState> unfinished, int maxAttempts) {
    var actions = new ArrayList<Action>();
    for (JobState job : unfinished) {
      if (!job.running()) {
        continue;
      }
      int attempt = job.nodeLossAttempts() + 1;
      String where = job.placement().isEmpty() ? "its node" : "node '" + job.placement().get(0).node() + "'";
      if (attempt >= maxAttempts) {
        actions.add(new Action(job.request().jobId(), job.request().tenantId(), true, "the trainer launcher "
            + "restarted while the job ran on " + where + "; it lost its launcher or a node " + attempt
            + " times, the limit is " + maxAttempts + "; request it again to retry"));
      } else {
        actions.add(new Action(job.request().jobId(), job.request().tenantId(), false,
            RequeueCause.NODE_LOST.reason("the trainer launcher restarted while the job ran on " + where
                + "; its process was stopped and the job requeued (node loss " + attempt + " of " + maxAttempts
                + " allowed before the job fails)")));
      }
    }
    return actions;
  }
}
