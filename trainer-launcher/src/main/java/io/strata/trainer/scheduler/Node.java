package io.strata.trainer.scheduler;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server of the pool: its GPUs (distinct indices) and its labels, which jobs select on.
 *
 * @param name unique node name (the Kubernetes node name for the Kubernetes launcher)
 * @param gpus the node's GPUs; empty for a CPU-only node
 * @param labels node labels, e.g. {@code gpu.model=H100}
 */
public record Node(String name, List<Gpu> gpus, Map<String, String> labels) {

  public Node {
    Objects.requireNonNull(name, "name");
    gpus = gpus.stream().sorted(Comparator.comparingInt(Gpu::index)).toList();
    labels = Map.copyOf(labels);
    var seen = new HashSet<Integer>();
    for (Gpu gpu : gpus) {
      if (!seen.add(gpu.index())) {
        throw new IllegalArgumentException("Node '" + name + "' lists GPU index " + gpu.index() + " twice");
      }
    }
  }

  /** A node with {@code count} identical GPUs indexed 0..count-1. */
  public static Node uniform(String name, int count, String model, int memoryMb, Map<String, String> labels) {
    return new Node(name, java.util.stream.IntStream.range(0, count).mapToObj(i -> new Gpu(i, model, memoryMb)).toList(),
        labels);
  }

  /** True when every entry of {@code selector} is one of this node's labels. */
  public boolean matches(Map<String, String> selector) {
    for (var entry : selector.entrySet()) {
      if (!entry.getValue().equals(labels.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
