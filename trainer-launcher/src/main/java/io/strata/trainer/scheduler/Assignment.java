package io.strata.trainer.scheduler;

import java.util.List;
import java.util.Objects;

/**
 * The GPUs a job was given on one node.
 *
 * @param node the node name
 * @param gpuIndices the device indices on that node, ascending; empty for a CPU job
 */
public record Assignment(String node, List<Integer> gpuIndices) {

  public Assignment {
    Objects.requireNonNull(node, "node");
    gpuIndices = gpuIndices.stream().sorted().toList();
  }
}
