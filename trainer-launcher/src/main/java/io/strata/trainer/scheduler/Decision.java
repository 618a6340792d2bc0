package io.strata.trainer.scheduler;

import java.util.List;

/** What the scheduler decided; the service layer records each decision as one {@code training-jobs} event. */
public sealed interface Decision {

  /** The job the decision is about. */
  JobRequest job();

  /** The job was placed: it owns these GPUs until it finishes, is cancelled, preempted or its node leaves. */
  record Scheduled(JobRequest job, List<Assignment> placement) implements Decision {
    public Scheduled {
      placement = List.copyOf(placement);
    }
  }

  /** A running job was stopped to make room for {@code byJobId} and is back in the queue at its old place. */
  record Preempted(JobRequest job, String byJobId, List<Assignment> released) implements Decision {
    public Preempted {
      released = List.copyOf(released);
    }
  }

  /** A running job lost a node; it is back in the queue. {@code attempt} counts node losses so far. */
  record Requeued(JobRequest job, String node, int attempt, int maxAttempts) implements Decision {}

  /** The job will not run: rejected on submit, or it lost nodes more often than allowed. */
  record Failed(JobRequest job, String reason) implements Decision {}

  /** The job was cancelled; if it was running, its GPUs are free again. */
  record Cancelled(JobRequest job, String reason, List<Assignment> released) implements Decision {
    public Cancelled {
      released = List.copyOf(released);
    }
  }
}
