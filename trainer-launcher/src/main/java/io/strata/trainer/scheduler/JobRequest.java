package io.strata.trainer.scheduler;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * What a training job asks of the pool. A job gets {@code gpusPerNode} GPUs on each of {@code nodes}
 * distinct nodes, all at once or not at all (gang placement); {@code gpusPerNode == 0} is a CPU job.
 *
 * @param jobId the job
 * @param tenantId the tenant whose quota the GPUs count against
 * @param priority higher runs first
 * @param nodes how many nodes (1 unless the job is distributed)
 * @param gpusPerNode GPUs wanted on each node
 * @param minGpuMemoryMb each GPU must have at least this much memory
 * @param nodeSelector labels every chosen node must carry
 * @param arrival when the job was requested (epoch millis of its REQUESTED event); orders equal priorities
 */
public record JobRequest(String jobId, String tenantId, int priority, int nodes, int gpusPerNode, int minGpuMemoryMb,
    Map<String, String> nodeSelector, long arrival) {

  /**
   * Queue order: priority descending, then arrival ascending, then job id. A requeued job keeps its
   * arrival, so it goes back to its old place rather than to the end.
   */
  public static final Comparator<JobRequest> QUEUE_ORDER = Comparator.comparingInt(JobRequest::priority).reversed()
      .thenComparingLong(JobRequest::arrival)
      .thenComparing(JobRequest::jobId);

  public JobRequest {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(tenantId, "tenantId");
    nodeSelector = Map.copyOf(nodeSelector);
    if (nodes < 1) {
      throw new IllegalArgumentException("Job '" + jobId + "' must ask for at least one node, got " + nodes);
    }
    if (gpusPerNode < 0 || minGpuMemoryMb < 0) {
      throw new IllegalArgumentException("Job '" + jobId + "' asks for a negative GPU count or memory");
    }
  }

  /** A single-node job with no node selector. */
  public static JobRequest single(String jobId, String tenantId, int priority, int gpus, int minGpuMemoryMb,
      long arrival) {
    return new JobRequest(jobId, tenantId, priority, 1, gpus, minGpuMemoryMb, Map.of(), arrival);
  }

  /** GPUs the job holds while it runs, over all its nodes; what counts against the tenant's quota. */
  public int totalGpus() {
    return nodes * gpusPerNode;
  }
}
