/**
 * Launchers run a scheduled job where the scheduler placed it: a local process with
 * {@code CUDA_VISIBLE_DEVICES} set to its GPUs, or a Kubernetes Job with {@code nvidia.com/gpu} limits
 * pinned to its node. They report start, progress and exit to a {@link io.strata.trainer.launch.LaunchListener}.
 */
package io.strata.trainer.launch;
