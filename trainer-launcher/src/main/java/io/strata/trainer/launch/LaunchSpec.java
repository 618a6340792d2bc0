package io.strata.trainer.launch;

import io.strata.trainer.scheduler.Assignment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run for one scheduled job.
 *
 * @param jobId the job
 * @param tenantId its tenant
 * @param command the trainer's argv
 * @param env extra environment variables
 * @param image container image (Kubernetes launcher only)
 * @param placement the GPUs the scheduler gave the job, one entry per node
 * @param workingDir where a local process runs (null: the launcher's own working directory)
 */
public record LaunchSpec(String jobId, String tenantId, List<String> command, Map<String, String> env, String image,
    List<Assignment> placement, Path workingDir) {

  /** A spec run in the launcher's own working directory. */
  public LaunchSpec(String jobId, String tenantId, List<String> command, Map<String, String> env, String image,
      List<Assignment> placement) {
    this(jobId, tenantId, command, env, image, placement, null);
  }

  public LaunchSpec {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    placement = List.copyOf(placement);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("Job '" + jobId + "' has an empty command");
    }
  }
}
