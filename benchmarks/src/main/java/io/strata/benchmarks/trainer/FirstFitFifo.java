package io.strata.benchmarks.trainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The baseline: a naive scheduler that walks its queue in arrival order and puts each job on the first
 * node with enough free GPUs. No priorities, quotas, memory, labels, reservations or preemption.
 */
final class FirstFitFifo {

  private final int[] free;
  private final List<int[]> queue = new ArrayList<>();
  private final Map<Integer, int[]> running = new HashMap<>();

  FirstFitFifo(int nodes, int gpusPerNode) {
    free = new int[nodes];
    java.util.Arrays.fill(free, gpusPerNode);
  }

  /** Queues job {@code id} wanting {@code gpus} GPUs on each of {@code nodes} nodes. */
  void submit(int id, int nodes, int gpus) {
    queue.add(new int[] {id, nodes, gpus});
  }

  /** Frees a running job's GPUs. */
  void finished(int id) {
    int[] placed = running.remove(id);
    for (int k = 1; k < placed.length; k++) {
      free[placed[k]] += placed[0];
    }
  }

  /** One pass; returns the ids of the jobs placed. */
  List<Integer> schedule() {
    var placedIds = new ArrayList<Integer>();
    for (Iterator<int[]> it = queue.iterator(); it.hasNext(); ) {
      int[] job = it.next();
      int[] placed = new int[job[1] + 1];
      placed[0] = job[2];
      int found = 0;
      for (int n = 0; n < free.length && found < job[1]; n++) {
        if (free[n] >= job[2]) {
          placed[++found] = n;
        }
      }
      if (found == job[1]) {
        for (int k = 1; k < placed.length; k++) {
          free[placed[k]] -= job[2];
        }
        running.put(job[0], placed);
        placedIds.add(job[0]);
        it.remove();
      }
    }
    return placedIds;
  }
}
