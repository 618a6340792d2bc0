package io.strata.trainer.launch;

import io.strata.events.TrainingProgress;

/** Receives a launched job's life; called from launcher threads, so implementations hand over to their own thread. */
public interface LaunchListener {

  /** The job started; its logs are at {@code logsUri}. */
  void started(String jobId, String logsUri);

  /** The trainer printed a {@code strata.progress} line. */
  void progress(String jobId, TrainingProgress progress);

  /** The job ended; called once. */
  void exited(String jobId, Exit exit);
}
