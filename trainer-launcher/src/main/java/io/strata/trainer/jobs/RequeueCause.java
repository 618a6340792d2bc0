package io.strata.trainer.jobs;

/**
 * Why a job went back to the queue, written as the prefix of a REQUEUED event's {@code reason}
 * ({@code "node-lost: ..."}). The fold counts only node losses towards the attempt limit. A
 * structured {@code requeueCause} field on {@code training-jobs} would replace the prefix.
 */
public enum RequeueCause {
  /** A higher-priority job took the GPUs; does not count as an attempt. */
  PREEMPTED("preempted"),
  /** A node of the job left or its launcher lost the job; counts as an attempt. */
  NODE_LOST("node-lost");

  private final String prefix;

  RequeueCause(String prefix) {
    this.prefix = prefix;
  }

  /** The reason text as written on the event. */
  public String reason(String detail) {
    return prefix + ": " + detail;
  }

  /** The cause named by a REQUEUED event's reason; a reason without a known prefix is a node loss. */
  public static RequeueCause of(String reason) {
    return reason != null && reason.startsWith(PREEMPTED.prefix + ":") ? PREEMPTED : NODE_LOST;
  }
}
