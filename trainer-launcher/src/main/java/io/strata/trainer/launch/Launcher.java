package io.strata.trainer.launch;

/** Runs scheduled jobs. */
public interface Launcher extends AutoCloseable {

  /** {@code local} or {@code kubernetes}; written on SCHEDULED events' placement. */
  String name();

  /** Starts the job; {@code listener} hears of its start, progress and exit. */
  void launch(LaunchSpec spec, LaunchListener listener);

  /** Stops the job (the whole process tree, or the Job and its pods); its exit is reported as cancelled. */
  void cancel(String jobId);

  /**
   * Stops whatever a previous run of the service left running for {@code jobId} (a process that outlived a
   * crashed launcher, or its Kubernetes Jobs), and returns once it is gone; nothing happens when nothing is left.
   */
  void reclaim(String jobId);

  @Override
  void close();
}
