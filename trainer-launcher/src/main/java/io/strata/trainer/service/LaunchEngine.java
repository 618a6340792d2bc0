package io.strata.trainer.service;

import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingProgress;
import io.strata.events.TrainingRequest;
import io.strata.trainer.jobs.JobEvents;
import io.strata.trainer.jobs.JobLedger;
import io.strata.trainer.jobs.JobRequests;
import io.strata.trainer.jobs.RequeueCause;
import io.strata.trainer.launch.Exit;
import io.strata.trainer.launch.LaunchListener;
import io.strata.trainer.launch.LaunchSpec;
import io.strata.trainer.custom.CustomTrainerLauncher;
import io.strata.trainer.scheduler.Assignment;
import io.strata.trainer.scheduler.Decision;
import io.strata.trainer.scheduler.GpuScheduler;
import io.strata.trainer.scheduler.JobRequest;
import io.strata.trainer.scheduler.Node;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one decision thread. It reads {@code training-jobs} from the beginning (assigned, no group),
 * folds it into a {@link JobLedger}, applies the {@link RestartRule}, hands the ledger to an empty
 * {@link GpuScheduler}, then follows the log live: REQUESTED jobs are checked, queued and scheduled,
 * CANCEL_REQUESTED stops them. Every decision and every launcher report is appended as an event before the next
 * one is taken. Launcher callbacks arrive on other threads and are queued to this one, so the scheduler, the
 * ledger and the bookkeeping below are only ever touched here.
 */
final class LaunchEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LaunchEngine.class);
  private static final Duration POLL = Duration.ofMillis(200);
  /** How long a launch waits for the datasets view to learn of a version that was just cut. */
  private static final Duration VERSION_WAIT = Duration.ofSeconds(10);
  private static final java.util.regex.Pattern SAFE_JOB_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_:-][A-Za-z0-9._:-]{0,199}");

  /** What {@code /health} shows. */
  record Stats(String status, int nodes, int gpus, int gpusInUse, int queued, int running, String error) {}

  private final Map<String, Object> kafka;
  private final String topic;
  private final Deserializer<TrainingJobEvent> deserializer;
  private final EventAppender appender;
  private final JobEvents events;
  private final GpuScheduler scheduler;
  private final List<Node> nodes;
  private final CustomTrainerLauncher launcher;
  private final TrainerResolver resolver;
  private final DatasetVersions datasets;
  private final Clock clock;
  private final JobLedger ledger = new JobLedger();
  private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
  private final Map<String, String> tenants = new HashMap<>();
  private final Map<String, String> logsUris = new HashMap<>();
  private final Set<String> launched = new HashSet<>();
  private final Map<String, String> cancelling = new HashMap<>();
  private final Set<String> stopping = new HashSet<>();
  private final Map<String, Set<String>> waitingForVictims = new HashMap<>();
  private final Map<String, List<Assignment>> deferred = new HashMap<>();
  private final Set<String> cancelAskedDuringReplay = new LinkedHashSet<>();
  private final Object startup = new Object();
  private volatile Stats stats = new Stats("STARTING", 0, 0, 0, 0, 0, null);
  private volatile boolean closed;
  private volatile boolean requeueOnStop = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  LaunchEngine(Map<String, Object> kafka, String topic, Deserializer<TrainingJobEvent> deserializer,
      EventAppender appender, JobEvents events, GpuScheduler scheduler, List<Node> nodes,
      CustomTrainerLauncher launcher, TrainerResolver resolver, DatasetVersions datasets, Clock clock) {
    this.kafka = kafka;
    this.topic = topic;
    this.deserializer = deserializer;
    this.appender = appender;
    this.events = events;
    this.scheduler = scheduler;
    this.nodes = List.copyOf(nodes);
    this.launcher = launcher;
    this.resolver = resolver;
    this.datasets = datasets;
    this.clock = clock;
  }

  /** Starts the thread and returns once the log was replayed and the restart rule applied. */
  void start(Duration timeout) {
    var props = new HashMap<String, Object>(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainer-launcher-engine");
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::run, "trainer-launcher-engine");
    thread.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (startup) {
      while (stats.status().equals("STARTING")) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IllegalStateException("The trainer launcher did not replay topic '" + topic + "' within " + timeout);
        }
        try {
          startup.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while replaying topic '" + topic + "'", e);
        }
      }
    }
    if (stats.status().equals("FAILED")) {
      throw new IllegalStateException("The trainer launcher failed to start: " + stats.error());
    }
  }

  Stats stats() {
    return stats;
  }

  private void run() {
    try {
      var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("Topic '" + topic + "' does not exist; strata up provisions it");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        for (var record : consumer.poll(POLL)) {
          decode(record.value(), record.offset()).ifPresent(this::replay);
        }
      }
      afterReplay();
      publish("UP", null);
      while (!closed) {
        try {
          for (var record : consumer.poll(POLL)) {
            decode(record.value(), record.offset()).ifPresent(this::live);
          }
        } catch (WakeupException e) {
          // A launcher callback or close() woke the poll.
        }
        Runnable task;
        while ((task = inbox.poll()) != null) {
          task.run();
        }
        publish("UP", null);
      }
      stopRunningJobs();
    } catch (WakeupException e) {
      stopRunningJobs();
    } catch (RuntimeException e) {
      log.error("Trainer launcher engine failed; running trainers are stopped, restart the service: {}",
          e.toString(), e);
      publish("FAILED", e.toString());
      launcher.close();
    } finally {
      consumer.close();
    }
  }

  private Optional<TrainingJobEvent> decode(byte[] value, long offset) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(deserializer.deserialize(topic, value));
    } catch (RuntimeException e) {
      // The jobs view copies poison records to the dead-letter topic; here it is only skipped.
      log.error("Skipping a training-jobs record that does not decode topic={} offset={} error={}", topic, offset,
          e.toString());
      return Optional.empty();
    }
  }

  private void publish(String status, String error) {
    int running = launched.size();
    synchronized (startup) {
      stats = new Stats(status, scheduler.nodes().size(), scheduler.poolGpus(), scheduler.gpusInUse(),
          scheduler.queued().size(), running,
          error);
      startup.notifyAll();
    }
  }

  // ---- replay and restart ----

  private void replay(TrainingJobEvent event) {
    ledger.apply(event);
    tenants.put(event.getJobId(), event.getTenantId());
    if (event.getKind() == TrainingJobEventKind.CANCEL_REQUESTED) {
      cancelAskedDuringReplay.add(event.getJobId());
    } else if (event.getLogsUri() != null) {
      logsUris.put(event.getJobId(), event.getLogsUri());
    }
  }

  private void afterReplay() {
    for (var action : RestartRule.decide(ledger.unfinished(), scheduler.config().maxNodeLossAttempts())) {
      launcher.reclaim(action.jobId());
      TrainingJobEvent event = action.fail()
          ? events.failed(action.jobId(), action.tenantId(), action.reason(), logsUris.get(action.jobId()))
          : events.requeued(action.jobId(), action.tenantId(), action.reason(), null);
      appender.append(event);
      ledger.apply(event);
      log.info("restart rule jobId={} action={}", action.jobId(), action.fail() ? "failed" : "requeued");
    }
    ledger.restoreInto(scheduler);
    for (Node node : nodes) {
      handle(scheduler.nodeJoined(node, clock.millis()), null);
    }
    for (JobRequest queued : scheduler.queued()) {
      ledger.request(queued.jobId()).flatMap(r -> refusal(queued, r)).ifPresent(reason -> {
        scheduler.finished(queued.jobId());
        appender.append(events.failed(queued.jobId(), queued.tenantId(), reason, null));
      });
    }
    for (String jobId : cancelAskedDuringReplay) {
      handle(scheduler.cancel(jobId, "cancelled on request"), null);
    }
    cancelAskedDuringReplay.clear();
    log.info("Trainer launcher state rebuilt from topic={} queued={} nodes={} gpus={}", topic,
        scheduler.queued().size(), scheduler.nodes().size(), scheduler.poolGpus());
    schedulePass();
  }

  // ---- live ----

  private void live(TrainingJobEvent event) {
    boolean known = ledger.knows(event.getJobId());
    ledger.apply(event);
    switch (event.getKind()) {
      case REQUESTED -> {
        if (!known) {
          tenants.put(event.getJobId(), event.getTenantId());
          requested(event);
        }
      }
      case CANCEL_REQUESTED -> cancelRequested(event);
      default -> { }
    }
  }

  private void requested(TrainingJobEvent event) {
    JobRequest job;
    try {
      job = JobRequests.from(event);
    } catch (IllegalArgumentException e) {
      appender.append(events.failed(event.getJobId(), event.getTenantId(), e.getMessage(), null));
      return;
    }
    Optional<String> refused = refusal(job, event.getRequest());
    if (refused.isPresent()) {
      scheduler.finished(job.jobId());
      appender.append(events.failed(job.jobId(), job.tenantId(), refused.get(), null));
      log.info("job refused jobId={} tenant={} reason={}", job.jobId(), job.tenantId(), refused.get());
      return;
    }
    handle(scheduler.submit(job), event.getEventId());
    schedulePass();
  }

  private Optional<String> refusal(JobRequest job, TrainingRequest request) {
    if (!SAFE_JOB_ID.matcher(job.jobId()).matches()) {
      return Optional.of("job id '" + job.jobId() + "' may only contain letters, digits, '.', '_', ':' and '-' "
          + "(at most 200, not starting with '.'): it names the job's log file and work directory");
    }
    return resolver.refusal(job.tenantId(), request)
        .or(() -> Optional.ofNullable(GpuInventory.neverFits(job, nodes)));
  }

  private void cancelRequested(TrainingJobEvent event) {
    String jobId = event.getJobId();
    if (launched.contains(jobId)) {
      if (cancelling.putIfAbsent(jobId, event.getEventId()) == null) {
        log.info("cancelling jobId={}", jobId);
        launcher.cancel(jobId);
      }
      return;
    }
    deferred.remove(jobId);
    waitingForVictims.remove(jobId);
    handle(scheduler.cancel(jobId, reason("cancelled on request", event.getReason())), event.getEventId());
    schedulePass();
  }

  private static String reason(String what, String detail) {
    return detail == null || detail.isBlank() ? what : what + ": " + detail;
  }

  private void schedulePass() {
    handle(scheduler.schedule(), null);
  }

  private void handle(List<Decision> decisions, String causationId) {
    for (Decision decision : decisions) {
      String jobId = decision.job().jobId();
      appender.append(events.of(decision, causationId));
      if (decision instanceof Decision.Scheduled s) {
        Set<String> victims = waitingForVictims.get(jobId);
        if (victims != null && !victims.isEmpty()) {
          deferred.put(jobId, s.placement());
        } else {
          launch(s.job(), s.placement());
        }
      } else if (decision instanceof Decision.Preempted p) {
        stop(jobId);
        if (launched.contains(jobId)) {
          waitingForVictims.computeIfAbsent(p.byJobId(), k -> new HashSet<>()).add(jobId);
        }
      } else if (decision instanceof Decision.Requeued) {
        stop(jobId);
      }
    }
  }

  /** Stops a running job's process that the scheduler already took back (preempted or node lost). */
  private void stop(String jobId) {
    if (launched.contains(jobId) && stopping.add(jobId)) {
      launcher.cancel(jobId);
    }
  }

  private void launch(JobRequest job, List<Assignment> placement) {
    TrainingRequest request = ledger.request(job.jobId()).orElseThrow();
    Optional<Long> items = datasets.itemCount(job.tenantId(), request.getDatasetId(), request.getDatasetVersion());
    long deadline = System.nanoTime() + VERSION_WAIT.toNanos();
    while (items.isEmpty() && System.nanoTime() < deadline) {
      // The trigger appends REQUESTED right after the cut: the datasets view may be a poll behind.
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      items = datasets.itemCount(job.tenantId(), request.getDatasetId(), request.getDatasetVersion());
    }
    var result = resolver.build(job.jobId(), job.tenantId(), request, items);
    if (result instanceof TrainerResolver.Refused refused) {
      scheduler.finished(job.jobId());
      appender.append(events.failed(job.jobId(), job.tenantId(), refused.reason(), null));
      log.info("job refused at launch jobId={} tenant={} reason={}", job.jobId(), job.tenantId(), refused.reason());
      inbox.add(this::schedulePass);
      return;
    }
    launched.add(job.jobId());
    log.info("launching jobId={} tenant={} trainer={} placement={}", job.jobId(), job.tenantId(),
        TrainerCommand.trainerOf(request), placement);
    if (result instanceof TrainerResolver.Custom custom) {
      launcher.launchCustom(new LaunchSpec(job.jobId(), job.tenantId(), custom.command(), Map.of(), null, placement),
          custom.job(), new Listener());
    } else {
      var spec = ((TrainerResolver.Builtin) result).command();
      launcher.launch(new LaunchSpec(job.jobId(), job.tenantId(), spec.argv(), spec.env(), null, placement),
          new Listener());
    }
  }

  /** Hands launcher callbacks to the engine thread. */
  private final class Listener implements LaunchListener {
    @Override
    public void started(String jobId, String logsUri) {
      submit(() -> onStarted(jobId, logsUri));
    }

    @Override
    public void progress(String jobId, TrainingProgress progress) {
      submit(() -> appender.append(events.progress(jobId, tenants.get(jobId), progress, logsUris.get(jobId))));
    }

    @Override
    public void exited(String jobId, Exit exit) {
      submit(() -> onExited(jobId, exit));
    }
  }

  private void submit(Runnable task) {
    inbox.add(task);
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private void onStarted(String jobId, String logsUri) {
    logsUris.put(jobId, logsUri);
    appender.append(events.started(jobId, tenants.get(jobId), logsUri));
  }

  private void onExited(String jobId, Exit exit) {
    if (!launched.remove(jobId)) {
      return;
    }
    String tenant = tenants.get(jobId);
    String logs = logsUris.get(jobId);
    if (stopping.remove(jobId)) {
      // Preempted or node lost: already requeued; a job waiting for these GPUs may start now.
      for (var entry : Map.copyOf(waitingForVictims).entrySet()) {
        entry.getValue().remove(jobId);
        if (entry.getValue().isEmpty()) {
          waitingForVictims.remove(entry.getKey());
          List<Assignment> placement = deferred.remove(entry.getKey());
          if (placement != null) {
            scheduler.job(entry.getKey()).ifPresent(j -> launch(j.request(), placement));
          }
        }
      }
    } else if (cancelling.containsKey(jobId)) {
      String causation = cancelling.remove(jobId);
      handle(scheduler.cancel(jobId, "cancelled on request; the trainer process was stopped"), causation);
    } else if (exit instanceof Exit.Succeeded s) {
      scheduler.finished(jobId);
      appender.append(events.succeeded(jobId, tenant, s.outcome(), logs));
      log.info("job succeeded jobId={} artifact={}", jobId, s.outcome() == null ? null : s.outcome().getArtifactUri());
    } else if (exit instanceof Exit.Failed f) {
      scheduler.finished(jobId);
      String reason = trainerError(logs).map(e -> "trainer failed: " + e + " (" + f.reason() + ")").orElse(f.reason());
      appender.append(events.failed(jobId, tenant, reason, logs));
      log.info("job failed jobId={} reason={}", jobId, reason);
    } else {
      scheduler.finished(jobId);
      appender.append(events.cancelled(jobId, tenant, ((Exit.Cancelled) exit).reason(), logs));
    }
    schedulePass();
  }

  /** The last {@code strata.error} line in the last 64 KiB of a local log, if any. */
  static Optional<String> trainerError(String logsUri) {
    if (logsUri == null || !logsUri.startsWith("file:")) {
      return Optional.empty();
    }
    try (var file = new RandomAccessFile(Path.of(URI.create(logsUri)).toFile(), "r")) {
      long start = Math.max(0, file.length() - 65_536);
      byte[] tail = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(tail);
      String found = null;
      for (String line : new String(tail, StandardCharsets.UTF_8).split("\\R")) {
        if (line.startsWith("strata.error ")) {
          found = line.substring("strata.error ".length()).strip();
        }
      }
      return Optional.ofNullable(found);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** On a clean stop: running jobs are stopped and requeued without counting an attempt (they run again later). */
  private void stopRunningJobs() {
    for (String jobId : Set.copyOf(launched)) {
      try {
        launcher.cancel(jobId);
        if (!requeueOnStop) {
          continue;
        }
        appender.append(events.requeued(jobId, tenants.get(jobId),
            RequeueCause.PREEMPTED.reason("the trainer launcher stopped; the job runs again when it is back"), null));
      } catch (RuntimeException e) {
        log.warn("cannot requeue job on stop jobId={} error={}", jobId, e.toString());
      }
    }
    launched.clear();
    launcher.close();
  }

  /**
   * Stops after the lease was lost: trainers are killed but nothing is appended, since another instance may
   * already own the jobs (its restart rule requeues them).
   */
  void abandon() {
    requeueOnStop = false;
    close();
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
