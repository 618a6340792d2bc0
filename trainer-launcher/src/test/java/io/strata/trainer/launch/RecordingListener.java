package io.strata.trainer.launch;

import io.strata.events.TrainingProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what a launcher reports. */
final class RecordingListener implements LaunchListener {

  final Map<String, String> logs = new ConcurrentHashMap<>();
  final List<TrainingProgress> progress = new CopyOnWriteArrayList<>();
  final Map<String, Exit> exits = new ConcurrentHashMap<>();

  @Override
  public void started(String jobId, String logsUri) {
    logs.put(jobId, logsUri);
  }

  @Override
  public void progress(String jobId, TrainingProgress p) {
    progress.add(p);
  }

  @Override
  public void exited(String jobId, Exit exit) {
    exits.put(jobId, exit);
  }
}
