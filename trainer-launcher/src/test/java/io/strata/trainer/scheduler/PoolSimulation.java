package io.strata.trainer.scheduler;

import io.strata.events.TrainingJobEvent;
import io.strata.events.TrainingJobEventKind;
import io.strata.events.TrainingRequest;
import io.strata.trainer.jobs.JobEvents;
import io.strata.trainer.jobs.JobRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded random workload on a 100 × 8 GPU pool: arrivals of mixed jobs (1–8 GPUs, distributed,
 * CPU-only, big-memory, zone-selected), completions, cancellations, node losses, heartbeat expiry
 * and joins. Every fact is also written as a {@code training-jobs} event, so the run can be replayed.
 */
final class PoolSimulation {

  static final int NODES = 100;
  static final int GPUS_PER_NODE = 8;
  static final Map<String, Integer> QUOTAS = Map.of("t0", 48, "t1", 128, "t2", 16);

  final Random random;
  final GpuScheduler scheduler;
  final List<TrainingJobEvent> log = new ArrayList<>();
  final Map<String, Node> allNodes = new HashMap<>();
  private final JobEvents events;
  private long now;
  private int nextJob;

  PoolSimulation(long seed, SchedulerConfig config) {
    random = new Random(seed);
    scheduler = new GpuScheduler(config);
    events = new JobEvents("trainer-launcher@test", "local", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
        () -> "e" + log.size());
    for (int i = 0; i < NODES; i++) {
      allNodes.put(node(i).name(), node(i));
      scheduler.nodeJoined(node(i), 0);
    }
  }

  static SchedulerConfig config(boolean preemption) {
    return new SchedulerConfig(QUOTAS, 400, 3, 4, preemption, 10_000);
  }

  static Node node(int i) {
    boolean big = i % 2 == 0;
    return Node.uniform(String.format("node-%03d", i), GPUS_PER_NODE, big ? "H100" : "A100", big ? 81_920 : 40_960,
        Map.of("zone", i % 4 == 0 ? "a" : "b"));
  }

  /** One random step; {@code passChecker} sees the decisions of the scheduling pass that ends it. */
  void step(Consumer<List<Decision>> passChecker) {
    now += 1 + random.nextInt(3);
    int dice = random.nextInt(100);
    if (dice < 46) {
      submit(randomJob());
    } else if (dice < 70) {
      completeRandom();
    } else if (dice < 77) {
      cancelRandom();
    } else if (dice < 80) {
      leaveRandom();
    } else if (dice < 82) {
      expireRandom();
    } else if (dice < 87) {
      rejoinRandom();
    }
    var pass = scheduler.schedule();
    record(pass);
    passChecker.accept(pass);
  }

  JobRequest randomJob() {
    String tenant = "t" + random.nextInt(6);
    int priority = random.nextInt(4);
    int shape = random.nextInt(100);
    int nodes = 1;
    int gpus;
    if (shape < 5) {
      gpus = 0;
    } else if (shape < 10) {
      nodes = 2 + random.nextInt(3);
      gpus = random.nextBoolean() ? 4 : 8;
    } else {
      gpus = new int[] {1, 1, 1, 2, 2, 4, 8}[random.nextInt(7)];
    }
    int memory = random.nextInt(10) == 0 ? 80_000 : random.nextInt(4) == 0 ? 40_000 : 0;
    Map<String, String> selector = random.nextInt(10) == 0 ? Map.of("zone", "a") : Map.of();
    return new JobRequest("job-" + nextJob++, tenant, priority, nodes, gpus, memory, selector, now - random.nextInt(2));
  }

  void submit(JobRequest job) {
    var hyper = new HashMap<String, String>();
    hyper.put(JobRequests.NODES, Integer.toString(job.nodes()));
    job.nodeSelector().forEach((k, v) -> hyper.put(JobRequests.NODE_SELECTOR + k, v));
    var request = TrainingRequest.newBuilder().setDatasetId("ds").setDatasetVersion(1).setPolicy("manual")
        .setTrainer("builtin:image-classifier").setGpus(job.gpusPerNode()).setGpuMemoryMb(job.minGpuMemoryMb())
        .setPriority(job.priority()).setHyperparameters(hyper).build();
    var requested = TrainingJobEvent.newBuilder().setEventId("e" + log.size()).setTenantId(job.tenantId())
        .setOccurredAt(Instant.ofEpochMilli(job.arrival())).setProducer("trigger").setJobId(job.jobId())
        .setKind(TrainingJobEventKind.REQUESTED).setRequest(request).build();
    log.add(requested);
    record(scheduler.submit(JobRequests.from(requested)));
  }

  private void completeRandom() {
    var running = jobIds(true);
    if (!running.isEmpty()) {
      var job = scheduler.job(running.get(random.nextInt(running.size()))).orElseThrow().request();
      scheduler.finished(job.jobId());
      log.add(random.nextInt(5) == 0 ? events.failed(job.jobId(), job.tenantId(), "exit 1", null)
          : events.succeeded(job.jobId(), job.tenantId(), null, null));
    }
  }

  private void cancelRandom() {
    var ids = jobIds(random.nextBoolean());
    if (!ids.isEmpty()) {
      record(scheduler.cancel(ids.get(random.nextInt(ids.size())), "cancelled by user"));
    }
  }

  private void leaveRandom() {
    var live = scheduler.nodes();
    if (live.size() > NODES / 2) {
      record(scheduler.nodeLeft(live.get(random.nextInt(live.size())).name()));
    }
  }

  private void expireRandom() {
    var live = scheduler.nodes();
    for (Node node : live) {
      scheduler.heartbeat(node.name(), now);
    }
    if (live.size() > NODES / 2) {
      String silent = live.get(random.nextInt(live.size())).name();
      for (Node node : live) {
        if (!node.name().equals(silent)) {
          scheduler.heartbeat(node.name(), now + 20_000);
        }
      }
      record(scheduler.expireHeartbeats(now + 20_000));
    }
  }

  private void rejoinRandom() {
    var missing = allNodes.keySet().stream().filter(n -> scheduler.nodes().stream().noneMatch(l -> l.name().equals(n)))
        .sorted().toList();
    if (!missing.isEmpty()) {
      record(scheduler.nodeJoined(allNodes.get(missing.get(random.nextInt(missing.size()))), now + 20_000));
    }
  }

  private List<String> jobIds(boolean running) {
    return scheduler.snapshot().jobs().values().stream().filter(j -> j.running() == running)
        .map(j -> j.request().jobId()).toList();
  }

  void record(List<Decision> decisions) {
    decisions.forEach(d -> log.add(events.of(d, null)));
  }
}
