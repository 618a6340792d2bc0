package io.strata.trainer.launch;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.trainer.scheduler.Assignment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job as Kubernetes Jobs, one per node of its placement (rank 0..N-1), each pinned to its node
 * with {@code kubernetes.io/hostname} and given {@code nvidia.com/gpu} limits for its GPU count (the
 * device plugin picks the devices; the scheduler's indices are bookkeeping there). The job succeeds
 * when every Job succeeded and fails when one fails; cancelling deletes the Jobs and their pods.
 * Progress lines are not read from pod logs yet; logs are at {@code kubernetes://<namespace>/jobs/<name>}.
 */
public final class KubernetesJobLauncher implements Launcher {

  /** Label on every Job and pod: the Strata job id's Kubernetes-safe name. */
  public static final String JOB_LABEL = "strata.io/job";
  /** The extended resource GPUs are requested as. */
  public static final String GPU_RESOURCE = "nvidia.com/gpu";

  private static final Logger log = LoggerFactory.getLogger(KubernetesJobLauncher.class);

  private final KubernetesClient client;
  private final String namespace;
  private final ScheduledExecutorService poller;
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

  private record Tracked(String jobId, List<String> names, LaunchListener listener) {}

  /**
   * @param client a client for the cluster
   * @param namespace where Jobs are created
   * @param pollInterval how often Job status is read
   */
  public KubernetesJobLauncher(KubernetesClient client, String namespace, Duration pollInterval) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      var t = new Thread(r, "k8s-job-poller");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public void launch(LaunchSpec spec, LaunchListener listener) {
    if (spec.image() == null) {
      listener.exited(spec.jobId(), new Exit.Failed("no container image for job '" + spec.jobId()
          + "'; register the trainer with an image to run it on Kubernetes"));
      return;
    }
    var names = new ArrayList<String>();
    try {
      for (int rank = 0; rank < spec.placement().size(); rank++) {
        Job job = job(spec, rank);
        client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
        names.add(job.getMetadata().getName());
      }
    } catch (RuntimeException e) {
      names.forEach(this::delete);
      listener.exited(spec.jobId(), new Exit.Failed("cannot create Kubernetes Job: " + e.getMessage()));
      return;
    }
    tracked.put(spec.jobId(), new Tracked(spec.jobId(), names, listener));
    log.info("kubernetes jobs created jobId={} namespace={} jobs={}", spec.jobId(), namespace, names);
    listener.started(spec.jobId(), "kubernetes://" + namespace + "/jobs/" + names.get(0));
  }

  /** The Job for rank {@code rank} of {@code spec}. */
  Job job(LaunchSpec spec, int rank) {
    Assignment on = spec.placement().get(rank);
    String base = safeName(spec.jobId());
    var env = new ArrayList<EnvVar>();
    spec.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    env.add(new EnvVar("STRATA_JOB_ID", spec.jobId(), null));
    env.add(new EnvVar("STRATA_NODE_RANK", Integer.toString(rank), null));
    env.add(new EnvVar("STRATA_NODES", Integer.toString(spec.placement().size()), null));
    var builder = new JobBuilder()
        .withNewMetadata().withName(base + "-" + rank).withNamespace(namespace)
          .addToLabels(JOB_LABEL, base).addToLabels("app.kubernetes.io/managed-by", "strata-trainer-launcher")
          .addToAnnotations("strata.io/job-id", spec.jobId()).addToAnnotations("strata.io/tenant", spec.tenantId())
        .endMetadata()
        .withNewSpec().withBackoffLimit(0)
          .withNewTemplate()
            .withNewMetadata().addToLabels(JOB_LABEL, base).endMetadata()
            .withNewSpec().withRestartPolicy("Never").addToNodeSelector("kubernetes.io/hostname", on.node())
              .addNewContainer().withName("trainer").withImage(spec.image()).withCommand(spec.command()).withEnv(env)
                .withNewResources()
                  .addToLimits(on.gpuIndices().isEmpty() ? Map.of()
                      : Map.of(GPU_RESOURCE, new Quantity(Integer.toString(on.gpuIndices().size()))))
                .endResources()
              .endContainer()
            .endSpec()
          .endTemplate()
        .endSpec();
    return builder.build();
  }

  private void poll() {
    for (Tracked t : List.copyOf(tracked.values())) {
      try {
        Exit exit = status(t);
        if (exit != null && tracked.remove(t.jobId()) != null) {
          log.info("kubernetes job ended jobId={} exit={}", t.jobId(), exit);
          t.listener().exited(t.jobId(), exit);
        }
      } catch (RuntimeException e) {
        log.warn("kubernetes job status read failed jobId={} error={}", t.jobId(), e.toString());
      }
    }
  }

  private Exit status(Tracked t) {
    int succeeded = 0;
    for (String name : t.names()) {
      Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
      if (job == null) {
        return new Exit.Cancelled("Kubernetes Job " + namespace + "/" + name + " was deleted");
      }
      var status = job.getStatus();
      if (status != null && status.getFailed() != null && status.getFailed() > 0) {
        t.names().forEach(this::delete);
        return new Exit.Failed("Kubernetes Job " + namespace + "/" + name + " failed");
      }
      if (status != null && status.getSucceeded() != null && status.getSucceeded() > 0) {
        succeeded++;
      }
    }
    return succeeded == t.names().size() ? new Exit.Succeeded(null) : null;
  }

  @Override
  public void cancel(String jobId) {
    Tracked t = tracked.remove(jobId);
    if (t != null) {
      t.names().forEach(this::delete);
      t.listener().exited(jobId, new Exit.Cancelled("cancelled; Kubernetes Jobs deleted"));
    }
  }

  @Override
  public void reclaim(String jobId) {
    if (tracked.containsKey(jobId)) {
      return;
    }
    client.batch().v1().jobs().inNamespace(namespace).withLabel(JOB_LABEL, safeName(jobId))
        .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
    log.info("kubernetes jobs of a previous run deleted jobId={} namespace={}", jobId, namespace);
  }

  private void delete(String name) {
    client.batch().v1().jobs().inNamespace(namespace).withName(name)
        .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  /** A DNS-1123 name for {@code jobId}: lower-case, at most 50 characters, with a hash suffix against clashes. */
  static String safeName(String jobId) {
    String clean = jobId.toLowerCase().replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(jobId.getBytes(StandardCharsets.UTF_8));
      String hash = HexFormat.of().formatHex(digest, 0, 4);
      return "strata-" + (clean.length() > 32 ? clean.substring(0, 32) : clean).replaceAll("-+$", "") + "-" + hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
