package io.strata.trainer.launch;

/** Runs scheduled jobs. */
public interface Launcher extends AutoCloseable {

  /** {@code local} or {@code kubernetes}; written on SCHEDULED events' placement. */
  String name();

  /** Starts the job; {@code listener} hears of its start, progress and exit. */
  void launch(LaunchSpec spec, LaunchListener listener);

  /** Stops the job (the whole process tree, or the Job and its pods); its exit is reported as cancelled. */
  void cancel(String jobId);

  @Override
  void close();
}
