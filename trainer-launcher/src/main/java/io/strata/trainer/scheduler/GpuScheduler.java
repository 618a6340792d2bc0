package io.strata.trainer.scheduler;

import io.strata.trainer.scheduler.Decision.Cancelled;
import io.strata.trainer.scheduler.Decision.Failed;
import io.strata.trainer.scheduler.Decision.Preempted;
import io.strata.trainer.scheduler.Decision.Requeued;
import io.strata.trainer.scheduler.Decision.Scheduled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The GPU pool scheduler (policy in {@code docs/gpu-scheduler.md}). Not thread-safe: one service
 * thread owns it. Every method is a pure state transition; the ones that decide something return
 * their decisions; {@link #restore} and {@link #restoreFinished} rebuild it from {@code training-jobs}.
 *
 * <p>Invariant: a GPU has at most one owner. {@link NodeSlots#occupy} refuses a second one, so a
 * bug can fail a call but can never double-book.
 */
public final class GpuScheduler {

  private final SchedulerConfig config;
  private final TreeMap<String, NodeSlots> nodes = new TreeMap<>();
  private final Map<String, JobEntry> jobs = new HashMap<>();
  private final TreeSet<JobRequest> queue = new TreeSet<>(JobRequest.QUEUE_ORDER);
  private final Set<String> finished = new HashSet<>();
  private final Map<String, Integer> gpusInUse = new HashMap<>();
  private final Map<String, Integer> unfinishedJobs = new HashMap<>();
  private Map<String, String> lastReservations = Map.of();
  private int poolGpus;

  public GpuScheduler(SchedulerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public SchedulerConfig config() {
    return config;
  }

  // ---- inventory ----

  /** A node joined (or re-registered). A re-registration with different GPUs counts as leave + join. */
  public List<Decision> nodeJoined(Node node, long nowMillis) {
    var decisions = new ArrayList<Decision>();
    NodeSlots existing = nodes.get(node.name());
    if (existing != null) {
      if (existing.node.equals(node)) {
        existing.lastHeartbeat = nowMillis;
        return decisions;
      }
      decisions.addAll(nodeLeft(node.name()));
    }
    var slots = new NodeSlots(node, nowMillis);
    nodes.put(node.name(), slots);
    poolGpus += slots.size();
    // Jobs replayed before their node was known get their GPUs back.
    for (JobEntry entry : jobs.values()) {
      if (entry.running()) {
        for (Assignment a : entry.placement) {
          if (a.node().equals(node.name())) {
            slots.occupy(a.gpuIndices(), entry.request.jobId());
          }
        }
      }
    }
    return decisions;
  }

  /** A node left: every job with GPUs on it is requeued, or failed once it has lost {@code maxNodeLossAttempts} nodes. */
  public List<Decision> nodeLeft(String nodeName) {
    NodeSlots slots = nodes.remove(nodeName);
    if (slots == null) {
      return List.of();
    }
    poolGpus -= slots.size();
    var affected = new TreeSet<>(slots.owners());
    for (JobEntry entry : jobs.values()) {
      if (entry.running() && entry.placement.stream().anyMatch(a -> a.node().equals(nodeName))) {
        affected.add(entry.request.jobId());
      }
    }
    var decisions = new ArrayList<Decision>();
    for (String jobId : affected) {
      decisions.add(loseNode(jobs.get(jobId), nodeName));
    }
    return decisions;
  }

  /** Records that {@code nodeName} is alive at {@code nowMillis}. */
  public void heartbeat(String nodeName, long nowMillis) {
    NodeSlots slots = nodes.get(nodeName);
    if (slots != null) {
      slots.lastHeartbeat = Math.max(slots.lastHeartbeat, nowMillis);
    }
  }

  /** Removes the nodes not heard of within the heartbeat timeout, as {@link #nodeLeft} does. */
  public List<Decision> expireHeartbeats(long nowMillis) {
    var stale = nodes.values().stream()
        .filter(s -> nowMillis - s.lastHeartbeat > config.heartbeatTimeoutMillis())
        .map(NodeSlots::name).toList();
    var decisions = new ArrayList<Decision>();
    stale.forEach(name -> decisions.addAll(nodeLeft(name)));
    return decisions;
  }

  /** Requeues (or fails) running jobs placed on nodes that are not live, e.g. after a replay. */
  public List<Decision> reconcile() {
    var decisions = new ArrayList<Decision>();
    var ids = new TreeSet<>(jobs.keySet());
    for (String jobId : ids) {
      JobEntry entry = jobs.get(jobId);
      if (entry.running()) {
        entry.placement.stream().map(Assignment::node).filter(n -> !nodes.containsKey(n)).findFirst()
            .ifPresent(lost -> decisions.add(loseNode(entry, lost)));
      }
    }
    return decisions;
  }

  // ---- jobs ----

  /** Queues a job; fails it at once if it alone exceeds its tenant's quota. Duplicates are ignored. */
  public List<Decision> submit(JobRequest job) {
    if (jobs.containsKey(job.jobId()) || finished.contains(job.jobId())) {
      return List.of();
    }
    int quota = config.quotaOf(job.tenantId());
    if (job.totalGpus() > quota) {
      finished.add(job.jobId());
      return List.of(new Failed(job, "job asks for " + job.totalGpus() + " GPUs but tenant '" + job.tenantId()
          + "' may use at most " + quota + "; ask for fewer GPUs or raise the tenant's quota"));
    }
    enqueue(job);
    return List.of();
  }

  /** Cancels a queued or running job; nothing happens for unknown or finished jobs. */
  public List<Decision> cancel(String jobId, String reason) {
    JobEntry entry = jobs.get(jobId);
    if (entry == null) {
      return List.of();
    }
    List<Assignment> released = entry.running() ? entry.placement : List.of();
    finish(entry);
    return List.of(new Cancelled(entry.request, reason, released));
  }

  /** The job ended (succeeded or failed, as its launcher reported): its GPUs are free again. */
  public void finished(String jobId) {
    JobEntry entry = jobs.get(jobId);
    if (entry != null) {
      finish(entry);
    } else {
      finished.add(jobId);
    }
  }

  // ---- replay ----

  /**
   * Restores an unfinished job as the {@code training-jobs} log left it (see {@code JobLedger}):
   * queued, or running on its recorded placement. Refuses a placement that would double-book a GPU.
   */
  public void restore(JobState state) {
    JobRequest job = state.request();
    if (jobs.containsKey(job.jobId()) || finished.contains(job.jobId())) {
      throw new IllegalStateException("Job '" + job.jobId() + "' is already known; restore each job once");
    }
    enqueue(job);
    JobEntry entry = jobs.get(job.jobId());
    entry.nodeLossAttempts = state.nodeLossAttempts();
    if (state.running()) {
      queue.remove(job);
      occupy(entry, state.placement());
    }
  }

  /** Restores a job that succeeded, failed or was cancelled, so that a repeated request for it is ignored. */
  public void restoreFinished(String jobId) {
    if (jobs.containsKey(jobId)) {
      throw new IllegalStateException("Job '" + jobId + "' is unfinished here; restore each job once");
    }
    finished.add(jobId);
  }

  // ---- the scheduling pass ----

  /**
   * One pass over the queue in {@link JobRequest#QUEUE_ORDER}: places every job that fits (best fit),
   * skipping jobs whose tenant is at quota. The first {@code reservations} jobs that do not fit but
   * could on an empty node may preempt (single-node GPU jobs only) and otherwise reserve nodes, which
   * later jobs in this pass may not use. Preempted jobs rejoin the queue after the pass.
   */
  public List<Decision> schedule() {
    var decisions = new ArrayList<Decision>();
    var reserved = new HashMap<String, String>();
    if (nodes.isEmpty() || queue.isEmpty()) {
      lastReservations = Map.of();
      return decisions;
    }
    var placed = new ArrayList<JobRequest>();
    var preempted = new ArrayList<JobRequest>();
    int reservationsLeft = config.reservations();
    int maxFree = maxFree(reserved);
    // Within a pass free capacity only shrinks (placements, reservations) until a preemption frees
    // GPUs, so once a shape failed to fit, every job of that shape wanting as many GPUs or more fails too.
    var smallestMisfit = new HashMap<Shape, Integer>();
    for (JobRequest job : queue) {
      if (inUse(job.tenantId()) + job.totalGpus() > config.quotaOf(job.tenantId())) {
        continue;
      }
      var shape = new Shape(job.nodes(), job.minGpuMemoryMb(), job.nodeSelector());
      boolean knownMisfit = job.gpusPerNode() >= smallestMisfit.getOrDefault(shape, Integer.MAX_VALUE);
      List<Assignment> placement = knownMisfit || job.gpusPerNode() > maxFree ? null : bestFit(job, reserved);
      if (placement == null) {
        smallestMisfit.merge(shape, job.gpusPerNode(), Math::min);
      }
      if (placement == null && reservationsLeft > 0 && couldEverFit(job, reserved)) {
        reservationsLeft--;
        if (config.preemption() && job.nodes() == 1 && job.gpusPerNode() > 0) {
          placement = preemptFor(job, reserved, decisions, preempted);
          if (placement != null) {
            smallestMisfit.clear();
          }
        }
        if (placement == null) {
          reserve(job, reserved);
          maxFree = maxFree(reserved);
          continue;
        }
      }
      if (placement != null) {
        occupy(jobs.get(job.jobId()), placement);
        placed.add(job);
        decisions.add(new Scheduled(job, placement));
        maxFree = maxFree(reserved);
      }
    }
    placed.forEach(queue::remove);
    queue.addAll(preempted);
    lastReservations = Collections.unmodifiableMap(reserved);
    return decisions;
  }

  /** Node → job holding a reservation on it after the last pass. */
  public Map<String, String> lastReservations() {
    return lastReservations;
  }

  /** What makes two jobs interchangeable for fitting, apart from their GPU count. */
  private record Shape(int nodes, int minGpuMemoryMb, Map<String, String> nodeSelector) {}

  // ---- views ----

  /** The unfinished job {@code jobId}. */
  public Optional<JobState> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(JobEntry::state);
  }

  /** Queued jobs in queue order. */
  public List<JobRequest> queued() {
    return List.copyOf(queue);
  }

  /** Live nodes by name. */
  public List<Node> nodes() {
    return nodes.values().stream().map(s -> s.node).toList();
  }

  /** GPUs in use by {@code tenantId}'s running jobs. */
  public int inUse(String tenantId) {
    return gpusInUse.getOrDefault(tenantId, 0);
  }

  /** Free GPUs on {@code nodeName} with at least {@code minMemoryMb}; 0 for an unknown node. */
  public int freeGpus(String nodeName, int minMemoryMb) {
    NodeSlots slots = nodes.get(nodeName);
    return slots == null ? 0 : slots.freeWith(minMemoryMb);
  }

  /** GPUs in use by running jobs, over all tenants. */
  public int gpusInUse() {
    return gpusInUse.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** GPUs of all live nodes. */
  public int poolGpus() {
    return poolGpus;
  }

  /** Comparable state, for replay checks. */
  public SchedulerSnapshot snapshot() {
    var jobStates = new TreeMap<String, JobState>();
    jobs.forEach((id, entry) -> jobStates.put(id, entry.state()));
    var owners = new TreeMap<String, java.util.SortedMap<Integer, String>>();
    nodes.forEach((name, slots) -> owners.put(name, slots.ownership()));
    return new SchedulerSnapshot(jobStates, owners, new TreeSet<>(finished));
  }

  // ---- internals ----

  private void enqueue(JobRequest job) {
    jobs.put(job.jobId(), new JobEntry(job));
    queue.add(job);
    unfinishedJobs.merge(job.tenantId(), 1, Integer::sum);
  }

  private void finish(JobEntry entry) {
    if (entry.running()) {
      releaseAll(entry);
    } else {
      queue.remove(entry.request);
    }
    jobs.remove(entry.request.jobId());
    finished.add(entry.request.jobId());
    unfinishedJobs.computeIfPresent(entry.request.tenantId(), (t, n) -> n == 1 ? null : n - 1);
  }

  private void occupy(JobEntry entry, List<Assignment> placement) {
    int done = 0;
    try {
      for (Assignment a : placement) {
        NodeSlots slots = nodes.get(a.node());
        if (slots != null) {
          slots.occupy(a.gpuIndices(), entry.request.jobId());
        }
        done++;
      }
    } catch (IllegalStateException e) {
      for (Assignment a : placement.subList(0, done)) {
        NodeSlots slots = nodes.get(a.node());
        if (slots != null) {
          slots.release(a.gpuIndices(), entry.request.jobId());
        }
      }
      throw e;
    }
    entry.placement = List.copyOf(placement);
    gpusInUse.merge(entry.request.tenantId(), entry.request.totalGpus(), Integer::sum);
  }

  private void releaseAll(JobEntry entry) {
    for (Assignment a : entry.placement) {
      NodeSlots slots = nodes.get(a.node());
      if (slots != null) {
        slots.release(a.gpuIndices(), entry.request.jobId());
      }
    }
    entry.placement = null;
    gpusInUse.computeIfPresent(entry.request.tenantId(),
        (t, n) -> n == entry.request.totalGpus() ? null : n - entry.request.totalGpus());
  }

  private Decision loseNode(JobEntry entry, String nodeName) {
    releaseAll(entry);
    entry.nodeLossAttempts++;
    if (entry.nodeLossAttempts >= config.maxNodeLossAttempts()) {
      jobs.remove(entry.request.jobId());
      finished.add(entry.request.jobId());
      unfinishedJobs.computeIfPresent(entry.request.tenantId(), (t, n) -> n == 1 ? null : n - 1);
      return new Failed(entry.request, "node '" + nodeName + "' left while the job ran; it lost a node "
          + entry.nodeLossAttempts + " times, the limit is " + config.maxNodeLossAttempts());
    }
    queue.add(entry.request);
    return new Requeued(entry.request, nodeName, entry.nodeLossAttempts, config.maxNodeLossAttempts());
  }

  private boolean usable(NodeSlots slots, JobRequest job, Map<String, String> reserved) {
    return !reserved.containsKey(slots.name()) && slots.node.matches(job.nodeSelector());
  }

  private int maxFree(Map<String, String> reserved) {
    int max = 0;
    for (NodeSlots slots : nodes.values()) {
      if (slots.free() > max && !reserved.containsKey(slots.name())) {
        max = slots.free();
      }
    }
    return max;
  }

  /** Best fit: the nodes with the fewest matching free GPUs that still hold the job, by name on ties. */
  private List<Assignment> bestFit(JobRequest job, Map<String, String> reserved) {
    int want = job.gpusPerNode();
    int memory = job.minGpuMemoryMb();
    if (job.nodes() == 1) {
      NodeSlots best = null;
      int bestFree = Integer.MAX_VALUE;
      for (NodeSlots slots : nodes.values()) {
        if (slots.free() < want || (want > 0 && !usable(slots, job, reserved))
            || (want == 0 && !slots.node.matches(job.nodeSelector()))) {
          continue;
        }
        int free = slots.freeWith(memory);
        if (free >= want && free < bestFree) {
          best = slots;
          bestFree = free;
        }
      }
      return best == null ? null : List.of(new Assignment(best.name(), best.pick(want, memory)));
    }
    var candidates = new ArrayList<NodeSlots>();
    for (NodeSlots slots : nodes.values()) {
      if ((want == 0 ? slots.node.matches(job.nodeSelector()) : usable(slots, job, reserved))
          && slots.freeWith(memory) >= want) {
        candidates.add(slots);
      }
    }
    if (candidates.size() < job.nodes()) {
      return null;
    }
    candidates.sort(Comparator.<NodeSlots>comparingInt(s -> s.freeWith(memory)).thenComparing(NodeSlots::name));
    return candidates.subList(0, job.nodes()).stream()
        .map(s -> new Assignment(s.name(), s.pick(want, memory))).toList();
  }

  /** Whether enough unreserved, matching nodes have the GPUs when empty; a job that could not never reserves. */
  private boolean couldEverFit(JobRequest job, Map<String, String> reserved) {
    int count = 0;
    for (NodeSlots slots : nodes.values()) {
      if (usable(slots, job, reserved) && slots.capacityWith(job.minGpuMemoryMb()) >= job.gpusPerNode()) {
        count++;
      }
    }
    return count >= job.nodes();
  }

  /** Reserves the job's nodes: the matching ones with the most free GPUs, so it waits for as little as possible. */
  private void reserve(JobRequest job, Map<String, String> reserved) {
    int memory = job.minGpuMemoryMb();
    var candidates = nodes.values().stream()
        .filter(s -> usable(s, job, reserved) && s.capacityWith(memory) >= job.gpusPerNode())
        .sorted(Comparator.<NodeSlots>comparingInt(s -> -s.freeWith(memory)).thenComparing(NodeSlots::name))
        .limit(job.nodes()).toList();
    candidates.forEach(s -> reserved.put(s.name(), job.jobId()));
  }

  /**
   * Tries to free one node for {@code job} by preempting running jobs of lower priority whose tenant
   * uses more than its fair share (pool GPUs / tenants with unfinished jobs). Picks the node where the
   * fewest GPUs are preempted; victims go lowest priority first, then most recently requested.
   */
  private List<Assignment> preemptFor(JobRequest job, Map<String, String> reserved, List<Decision> decisions,
      List<JobRequest> preempted) {
    double fairShare = (double) poolGpus / Math.max(1, unfinishedJobs.size());
    int memory = job.minGpuMemoryMb();
    NodeSlots bestNode = null;
    List<JobEntry> bestVictims = null;
    int bestCost = Integer.MAX_VALUE;
    Comparator<JobEntry> victimOrder = Comparator.<JobEntry>comparingInt(e -> e.request.priority())
        .thenComparing(Comparator.<JobEntry>comparingLong(e -> e.request.arrival()).reversed())
        .thenComparing(e -> e.request.jobId(), Comparator.reverseOrder());
    for (NodeSlots slots : nodes.values()) {
      if (!usable(slots, job, reserved) || slots.capacityWith(memory) < job.gpusPerNode()) {
        continue;
      }
      int need = job.gpusPerNode() - slots.freeWith(memory);
      if (slots.lowerPriorityGpus(jobs, job.priority(), memory) < need) {
        continue;
      }
      var candidates = slots.owners().stream().map(jobs::get)
          .filter(e -> e.request.priority() < job.priority()).sorted(victimOrder).toList();
      var taken = new HashMap<String, Integer>();
      var victims = new ArrayList<JobEntry>();
      int freed = 0;
      int cost = 0;
      for (JobEntry victim : candidates) {
        if (freed >= need) {
          break;
        }
        String tenant = victim.request.tenantId();
        if (inUse(tenant) - taken.getOrDefault(tenant, 0) <= fairShare) {
          continue;
        }
        int gain = slots.heldWith(victim.request.jobId(), memory);
        if (gain == 0) {
          continue;
        }
        victims.add(victim);
        taken.merge(tenant, victim.request.totalGpus(), Integer::sum);
        freed += gain;
        cost += victim.request.totalGpus();
      }
      if (freed >= need && cost < bestCost) {
        bestNode = slots;
        bestVictims = victims;
        bestCost = cost;
      }
    }
    if (bestNode == null) {
      return null;
    }
    for (JobEntry victim : bestVictims) {
      List<Assignment> released = victim.placement;
      releaseAll(victim);
      preempted.add(victim.request);
      decisions.add(new Preempted(victim.request, job.jobId(), released));
    }
    return List.of(new Assignment(bestNode.name(), bestNode.pick(job.gpusPerNode(), memory)));
  }
}
