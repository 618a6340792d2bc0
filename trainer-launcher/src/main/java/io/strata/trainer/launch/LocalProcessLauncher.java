package io.strata.trainer.launch;

import io.strata.events.TrainingOutcome;
import io.strata.trainer.scheduler.Assignment;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job as a local process. {@code CUDA_VISIBLE_DEVICES} lists the GPU indices the job was given
 * on this node; a job without GPUs gets it set to the empty string, which hides every GPU (CPU). Stdout
 * and stderr go to {@code <logsDir>/<jobId>.log}; cancelling kills the whole process tree. While a job runs,
 * {@code <logsDir>/<jobId>.pid} holds its pid and start time, so that a restarted service can stop a process
 * that outlived a crashed one ({@link #reclaim}).
 */
public final class LocalProcessLauncher implements Launcher {

  private static final Logger log = LoggerFactory.getLogger(LocalProcessLauncher.class);

  private final Path logsDir;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

  public LocalProcessLauncher(Path logsDir) {
    this.logsDir = logsDir;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public void launch(LaunchSpec spec, LaunchListener listener) {
    Path logFile = logsDir.resolve(spec.jobId() + ".log");
    var builder = new ProcessBuilder(spec.command()).redirectErrorStream(true);
    builder.environment().putAll(spec.env());
    if (spec.workingDir() != null) {
      builder.directory(spec.workingDir().toFile());
    }
    builder.environment().put("CUDA_VISIBLE_DEVICES", visibleDevices(spec));
    builder.environment().put("STRATA_JOB_ID", spec.jobId());
    Process process;
    try {
      Files.createDirectories(logsDir);
      process = builder.start();
    } catch (IOException e) {
      listener.exited(spec.jobId(), new Exit.Failed("cannot start " + spec.command().get(0) + ": " + e.getMessage()));
      return;
    }
    running.put(spec.jobId(), process);
    writePidFile(spec.jobId(), process);
    String logsUri = logFile.toUri().toString();
    log.info("job started jobId={} pid={} cudaVisibleDevices={} logs={}", spec.jobId(), process.pid(),
        builder.environment().get("CUDA_VISIBLE_DEVICES"), logsUri);
    listener.started(spec.jobId(), logsUri);
    var pump = new Thread(() -> pump(spec.jobId(), process, logFile, listener), "launch-" + spec.jobId());
    pump.setDaemon(true);
    pump.start();
  }

  private void pump(String jobId, Process process, Path logFile, LaunchListener listener) {
    TrainingOutcome outcome = null;
    try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        TrainerOutput.progress(line).ifPresent(p -> listener.progress(jobId, p));
        var reported = TrainerOutput.outcome(line);
        if (reported.isPresent()) {
          outcome = reported.get();
        }
      }
    } catch (IOException e) {
      log.warn("job log copy failed jobId={} logs={} error={}", jobId, logFile, e.toString());
    }
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    running.remove(jobId);
    try {
      Files.deleteIfExists(pidFile(jobId));
    } catch (IOException e) {
      log.warn("cannot delete pid file jobId={} error={}", jobId, e.toString());
    }
    Exit exit = cancelled.remove(jobId) ? new Exit.Cancelled("cancelled; process tree killed")
        : code == 0 ? new Exit.Succeeded(outcome) : new Exit.Failed("process exited with code " + code);
    log.info("job exited jobId={} code={} exit={}", jobId, code, exit.getClass().getSimpleName());
    listener.exited(jobId, exit);
  }

  @Override
  public void cancel(String jobId) {
    Process process = running.get(jobId);
    if (process == null) {
      return;
    }
    cancelled.add(jobId);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public void close() {
    running.keySet().forEach(this::cancel);
  }

  @Override
  public void reclaim(String jobId) {
    if (running.containsKey(jobId)) {
      return;
    }
    Path file = pidFile(jobId);
    try {
      if (Files.exists(file)) {
        String[] fields = Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+");
        long pid = Long.parseLong(fields[0]);
        long started = Long.parseLong(fields[1]);
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
            .filter(h -> h.info().startInstant().map(i -> i.toEpochMilli() == started).orElse(false))
            .ifPresent(h -> {
              log.warn("stopping a trainer left by a previous run jobId={} pid={}", jobId, pid);
              h.descendants().forEach(ProcessHandle::destroyForcibly);
              h.destroyForcibly();
              try {
                h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Trainer process " + pid + " of job '" + jobId
                    + "' did not stop within 30 s; kill it by hand", e);
              }
            });
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      log.warn("cannot read pid file jobId={} file={} error={}", jobId, file, e.toString());
    }
  }

  private Path pidFile(String jobId) {
    return logsDir.resolve(jobId + ".pid");
  }

  private void writePidFile(String jobId, Process process) {
    long started = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    try {
      Files.writeString(pidFile(jobId), process.pid() + " " + started + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      log.warn("cannot write pid file jobId={} error={}", jobId, e.toString());
    }
  }

  static String visibleDevices(LaunchSpec spec) {
    return spec.placement().stream().findFirst().map(Assignment::gpuIndices).orElse(java.util.List.of()).stream()
        .map(String::valueOf).collect(Collectors.joining(","));
  }
}
