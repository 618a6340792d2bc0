package io.strata.trainer.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** The GPUs of one live node and which job owns each; the only place where a GPU changes hands. */
final class NodeSlots {

  final Node node;
  private final int[] index;
  private final int[] memory;
  private final String[] owner;
  private int free;
  long lastHeartbeat;

  NodeSlots(Node node, long now) {
    this.node = node;
    int n = node.gpus().size();
    index = new int[n];
    memory = new int[n];
    owner = new String[n];
    for (int i = 0; i < n; i++) {
      index[i] = node.gpus().get(i).index();
      memory[i] = node.gpus().get(i).memoryMb();
    }
    free = n;
    lastHeartbeat = now;
  }

  String name() {
    return node.name();
  }

  int free() {
    return free;
  }

  int size() {
    return index.length;
  }

  /** Free GPUs with at least {@code minMemoryMb}. */
  int freeWith(int minMemoryMb) {
    if (minMemoryMb == 0) {
      return free;
    }
    int count = 0;
    for (int i = 0; i < index.length; i++) {
      if (owner[i] == null && memory[i] >= minMemoryMb) {
        count++;
      }
    }
    return count;
  }

  /** GPUs with at least {@code minMemoryMb}, free or not. */
  int capacityWith(int minMemoryMb) {
    int count = 0;
    for (int m : memory) {
      if (m >= minMemoryMb) {
        count++;
      }
    }
    return count;
  }

  /** GPUs with at least {@code minMemoryMb} that {@code jobId} holds here. */
  int heldWith(String jobId, int minMemoryMb) {
    int count = 0;
    for (int i = 0; i < index.length; i++) {
      if (jobId.equals(owner[i]) && memory[i] >= minMemoryMb) {
        count++;
      }
    }
    return count;
  }

  /** GPUs with at least {@code minMemoryMb} held by jobs of priority below {@code priority}: what preemption could free. */
  int lowerPriorityGpus(java.util.Map<String, JobEntry> jobs, int priority, int minMemoryMb) {
    int count = 0;
    for (int i = 0; i < index.length; i++) {
      if (owner[i] != null && memory[i] >= minMemoryMb && jobs.get(owner[i]).request.priority() < priority) {
        count++;
      }
    }
    return count;
  }

  /** {@code count} free GPUs with enough memory, smallest memory first (keeps big GPUs for big jobs), then index. */
  List<Integer> pick(int count, int minMemoryMb) {
    var candidates = new ArrayList<Integer>();
    for (int i = 0; i < index.length; i++) {
      if (owner[i] == null && memory[i] >= minMemoryMb) {
        candidates.add(i);
      }
    }
    candidates.sort(Comparator.<Integer>comparingInt(i -> memory[i]).thenComparingInt(i -> index[i]));
    return candidates.subList(0, count).stream().map(i -> index[i]).sorted().toList();
  }

  /** Gives the GPUs to {@code jobId}; refuses (and changes nothing) if any is unknown or taken. */
  void occupy(List<Integer> gpuIndices, String jobId) {
    int[] slots = new int[gpuIndices.size()];
    for (int k = 0; k < slots.length; k++) {
      int slot = slotOf(gpuIndices.get(k));
      if (slot < 0) {
        throw new IllegalStateException("Node '" + name() + "' has no GPU " + gpuIndices.get(k) + " for job '" + jobId + "'");
      }
      if (owner[slot] != null) {
        throw new IllegalStateException("GPU " + index[slot] + " of node '" + name() + "' already belongs to job '"
            + owner[slot] + "'; refusing to give it to job '" + jobId + "'");
      }
      slots[k] = slot;
    }
    for (int slot : slots) {
      owner[slot] = jobId;
      free--;
    }
  }

  /** Frees the GPUs that {@code jobId} holds among {@code gpuIndices}. */
  void release(List<Integer> gpuIndices, String jobId) {
    for (int gpu : gpuIndices) {
      int slot = slotOf(gpu);
      if (slot >= 0 && jobId.equals(owner[slot])) {
        owner[slot] = null;
        free++;
      }
    }
  }

  /** The jobs holding GPUs here, by id. */
  TreeSet<String> owners() {
    var owners = new TreeSet<String>();
    for (String o : owner) {
      if (o != null) {
        owners.add(o);
      }
    }
    return owners;
  }

  /** GPU index → owning job, for snapshots. */
  java.util.SortedMap<Integer, String> ownership() {
    var map = new java.util.TreeMap<Integer, String>();
    for (int i = 0; i < index.length; i++) {
      if (owner[i] != null) {
        map.put(index[i], owner[i]);
      }
    }
    return map;
  }

  private int slotOf(int gpuIndex) {
    for (int i = 0; i < index.length; i++) {
      if (index[i] == gpuIndex) {
        return i;
      }
    }
    return -1;
  }
}
