package io.strata.trainer.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An independent model of free capacity, computed from a snapshot and the inventory, that the
 * property tests use to check the scheduler's decisions without reusing its code.
 */
final class PoolModel {

  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, List<Integer>> freeMemory = new HashMap<>();

  PoolModel(List<Node> liveNodes, SchedulerSnapshot snapshot) {
    for (Node node : liveNodes) {
      nodes.put(node.name(), node);
      var owners = snapshot.gpuOwners().getOrDefault(node.name(), new java.util.TreeMap<>());
      var free = new ArrayList<Integer>();
      for (Gpu gpu : node.gpus()) {
        if (!owners.containsKey(gpu.index())) {
          free.add(gpu.memoryMb());
        }
      }
      freeMemory.put(node.name(), free);
    }
  }

  /** Adds the GPUs of {@code placement} back as free. */
  PoolModel plus(List<Assignment> placement) {
    for (Assignment a : placement) {
      Node node = nodes.get(a.node());
      for (int index : a.gpuIndices()) {
        node.gpus().stream().filter(g -> g.index() == index).findFirst()
            .ifPresent(g -> freeMemory.get(a.node()).add(g.memoryMb()));
      }
    }
    return this;
  }

  /** Whether {@code job} fits now on nodes outside {@code excluded}. */
  boolean fits(JobRequest job, Set<String> excluded) {
    int count = 0;
    for (Node node : nodes.values()) {
      if (!node.matches(job.nodeSelector()) || (job.gpusPerNode() > 0 && excluded.contains(node.name()))) {
        continue;
      }
      long free = freeMemory.get(node.name()).stream().filter(m -> m >= job.minGpuMemoryMb()).count();
      if (free >= job.gpusPerNode()) {
        count++;
      }
    }
    return count >= job.nodes();
  }

  /** Whether {@code job} would fit on the empty pool. */
  static boolean couldEverFit(JobRequest job, List<Node> liveNodes) {
    long count = liveNodes.stream().filter(n -> n.matches(job.nodeSelector()))
        .filter(n -> n.gpus().stream().filter(g -> g.memoryMb() >= job.minGpuMemoryMb()).count() >= job.gpusPerNode())
        .count();
    return count >= job.nodes();
  }
}
