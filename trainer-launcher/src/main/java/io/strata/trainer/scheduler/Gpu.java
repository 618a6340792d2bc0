package io.strata.trainer.scheduler;

import java.util.Objects;

/**
 * One GPU of a node.
 *
 * @param index the device index on its node (what {@code CUDA_VISIBLE_DEVICES} names)
 * @param model the device model, e.g. {@code H100}
 * @param memoryMb device memory in MiB
 */
public record Gpu(int index, String model, int memoryMb) {

  public Gpu {
    Objects.requireNonNull(model, "model");
    if (index < 0 || memoryMb < 0) {
      throw new IllegalArgumentException("GPU index and memory must be >= 0, got index=" + index + " memoryMb=" + memoryMb);
    }
  }
}
