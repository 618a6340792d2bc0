package io.strata.trainer.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.trainer.jobs.JobLedger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random workloads at 100 nodes × 8 GPUs (seeded; a failure names its seed and step). After every
 * step: no GPU is double-booked, quotas hold, gang jobs have all their GPUs or none, queue order is
 * respected as docs/gpu-scheduler.md defines it, and replaying the emitted events rebuilds the state.
 */
class GpuSchedulerPropertyTest {

  private static final int STEPS = 2_500;

  @ParameterizedTest(name = "seed {0}, preemption {1}")
  @CsvSource({"1, true", "2, true", "3, true", "4, false", "5, false", "6, true"})
  void shouldKeepInvariantsUnderRandomArrivalsCancellationsAndNodeChurn(long seed, boolean preemption) {
    var sim = new PoolSimulation(seed, PoolSimulation.config(preemption));
    var counts = new int[3];
    for (int step = 0; step < STEPS; step++) {
      String where = "seed " + seed + " step " + step;
      sim.step(pass -> checkPass(sim.scheduler, pass, where, counts));
      checkState(sim.scheduler, where);
      if (step % 500 == 499) {
        assertReplayReproducesState(sim, where);
      }
    }
    assertThat(counts[0]).as("passes whose order was checked").isGreaterThan(STEPS / 2);
    assertThat(counts[1]).as("jobs scheduled").isGreaterThan(500);
    if (preemption) {
      assertThat(counts[2]).as("jobs preempted").isPositive();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"11", "12"})
  void shouldRunEveryJobThatFitsOnceArrivalsStop(long seed) {
    var sim = new PoolSimulation(seed, PoolSimulation.config(true));
    for (int step = 0; step < 1_500; step++) {
      sim.step(pass -> { });
    }
    for (int round = 0; round < 10_000 && !sim.scheduler.queued().isEmpty(); round++) {
      var running = sim.scheduler.snapshot().jobs().values().stream().filter(JobState::running).toList();
      if (running.isEmpty()) {
        break;
      }
      sim.scheduler.finished(running.get(0).request().jobId());
      sim.scheduler.schedule();
    }
    var live = sim.scheduler.nodes();
    assertThat(sim.scheduler.queued()).as("jobs left waiting once the pool drained")
        .allSatisfy(job -> assertThat(PoolModel.couldEverFit(job, live) && quotaAllows(sim.scheduler, job))
            .as("%s could run on the empty pool but never did", job.jobId()).isFalse());
  }

  private static boolean quotaAllows(GpuScheduler scheduler, JobRequest job) {
    return scheduler.inUse(job.tenantId()) + job.totalGpus() <= scheduler.config().quotaOf(job.tenantId());
  }

  private static void checkState(GpuScheduler scheduler, String where) {
    var snapshot = scheduler.snapshot();
    var nodes = scheduler.nodes().stream().collect(Collectors.toMap(Node::name, n -> n));
    var owned = new HashMap<String, String>();
    var perTenant = new HashMap<String, Integer>();
    for (JobState job : snapshot.jobs().values()) {
      if (!job.running()) {
        assertThat(job.placement()).as(where).isEmpty();
        continue;
      }
      var request = job.request();
      perTenant.merge(request.tenantId(), request.totalGpus(), Integer::sum);
      assertThat(job.placement()).as("%s: gang of %s spans its node count", where, request.jobId())
          .hasSize(request.nodes());
      assertThat(job.placement().stream().map(Assignment::node).distinct().count()).as(where)
          .isEqualTo(request.nodes());
      for (Assignment a : job.placement()) {
        Node node = nodes.get(a.node());
        assertThat(node).as("%s: %s runs on live node %s", where, request.jobId(), a.node()).isNotNull();
        assertThat(node.matches(request.nodeSelector())).as(where).isTrue();
        assertThat(a.gpuIndices()).as("%s: all-or-nothing GPUs of %s", where, request.jobId())
            .hasSize(request.gpusPerNode()).doesNotHaveDuplicates();
        for (int index : a.gpuIndices()) {
          var gpu = node.gpus().stream().filter(g -> g.index() == index).findFirst().orElseThrow();
          assertThat(gpu.memoryMb()).as(where).isGreaterThanOrEqualTo(request.minGpuMemoryMb());
          String previous = owned.put(a.node() + "/" + index, request.jobId());
          assertThat(previous).as("%s: GPU %s/%d double-booked", where, a.node(), index).isNull();
        }
      }
    }
    var fromSlots = new HashMap<String, String>();
    snapshot.gpuOwners().forEach((node, gpus) -> gpus.forEach((index, job) -> fromSlots.put(node + "/" + index, job)));
    assertThat(fromSlots).as("%s: GPU owners agree with placements", where).isEqualTo(owned);
    perTenant.forEach((tenant, gpus) -> assertThat(gpus).as("%s: quota of %s", where, tenant)
        .isLessThanOrEqualTo(scheduler.config().quotaOf(tenant)));
  }

  private static void checkPass(GpuScheduler scheduler, List<Decision> pass, String where, int[] counts) {
    var scheduled = pass.stream().filter(d -> d instanceof Decision.Scheduled).map(d -> (Decision.Scheduled) d).toList();
    var preempted = pass.stream().filter(d -> d instanceof Decision.Preempted).map(d -> (Decision.Preempted) d).toList();
    counts[1] += scheduled.size();
    counts[2] += preempted.size();
    Map<String, JobRequest> byId = new HashMap<>();
    scheduled.forEach(s -> byId.put(s.job().jobId(), s.job()));
    scheduler.queued().forEach(q -> byId.put(q.jobId(), q));
    for (var p : preempted) {
      assertThat(p.job().priority()).as("%s: victim has lower priority than its preemptor", where)
          .isLessThan(byId.get(p.byJobId()).priority());
    }
    var reservations = scheduler.lastReservations();
    for (var s : scheduled) {
      for (Assignment a : s.placement()) {
        String holder = reservations.get(a.node());
        if (holder != null && !a.gpuIndices().isEmpty()) {
          assertThat(JobRequest.QUEUE_ORDER.compare(s.job(), byId.get(holder))).as(
              "%s: %s backfilled onto node %s reserved by earlier job %s", where, s.job().jobId(), a.node(), holder)
              .isNegative();
        }
      }
    }
    if (!preempted.isEmpty()) {
      return;
    }
    counts[0]++;
    var live = scheduler.nodes();
    var snapshot = scheduler.snapshot();
    var free = new PoolModel(live, snapshot);
    for (JobRequest waiting : scheduler.queued()) {
      if (!quotaAllows(scheduler, waiting)) {
        continue;
      }
      Set<String> reservedAhead = reservedAhead(reservations, byId, waiting);
      assertThat(free.fits(waiting, reservedAhead)).as("%s: %s waits although it fits", where, waiting.jobId())
          .isFalse();
      for (var s : scheduled) {
        if (JobRequest.QUEUE_ORDER.compare(waiting, s.job()) < 0) {
          assertThat(new PoolModel(live, snapshot).plus(s.placement()).fits(waiting, reservedAhead)).as(
              "%s: %s was scheduled on GPUs that earlier job %s needed", where, s.job().jobId(), waiting.jobId())
              .isFalse();
        }
      }
    }
  }

  private static Set<String> reservedAhead(Map<String, String> reservations, Map<String, JobRequest> byId,
      JobRequest job) {
    var nodes = new HashSet<String>();
    reservations.forEach((node, holder) -> {
      if (JobRequest.QUEUE_ORDER.compare(byId.get(holder), job) < 0) {
        nodes.add(node);
      }
    });
    return nodes;
  }

  private static void assertReplayReproducesState(PoolSimulation sim, String where) {
    var ledger = new JobLedger();
    sim.log.forEach(ledger::apply);
    var rebuilt = new GpuScheduler(sim.scheduler.config());
    sim.scheduler.nodes().forEach(n -> rebuilt.nodeJoined(n, 0));
    ledger.restoreInto(rebuilt);
    assertThat(rebuilt.snapshot()).as("%s: state rebuilt from %d events", where, sim.log.size())
        .isEqualTo(sim.scheduler.snapshot());
    assertThat(rebuilt.reconcile()).as(where).isEmpty();
    var live = sim.scheduler.schedule();
    sim.record(live);
    assertThat(rebuilt.schedule()).as("%s: a rebuilt scheduler decides what the live one decides", where)
        .isEqualTo(live);
  }
}
