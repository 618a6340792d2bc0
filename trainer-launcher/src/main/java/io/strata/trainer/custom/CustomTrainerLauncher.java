package io.strata.trainer.custom;

import io.strata.blobstore.BlobStore;
import io.strata.events.TrainerBlob;
import io.strata.events.TrainingProgress;
import io.strata.trainer.launch.Exit;
import io.strata.trainer.launch.LaunchListener;
import io.strata.trainer.launch.LaunchSpec;
import io.strata.trainer.launch.Launcher;
import io.strata.trainer.trainers.CodeArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs custom trainers on the launcher it wraps, and passes every other job straight through.
 *
 * <p>Local: on its own thread it prepares {@code <workRoot>/<jobId>}: the code archive extracted into
 * {@code code/} (where the command runs), the base weights copied to {@code base-weights}, the dataset version's
 * items written to {@code items.jsonl} ({@link ItemsFile}) and an empty {@code output/}; then it runs the command
 * there with the environment of docs/gpu-scheduler.md. On exit 0 it packages {@code output/} into the model
 * artifact ({@link OutputArtifact}) and reports success with that artifact; a non-zero exit fails with the last
 * lines of the log. Cancelling while preparing stops before the command starts.
 *
 * <p>Kubernetes: the trainer's image runs its command with the same variables, the code and weights given as
 * blob store URIs and the items as a topic and key (there is no shared file system to prepare).
 */
public final class CustomTrainerLauncher implements Launcher {

  private static final Logger log = LoggerFactory.getLogger(CustomTrainerLauncher.class);
  private static final int LOG_LINES_ON_FAILURE = 15;

  /**
   * Where a Kubernetes pod finds the platform.
   *
   * @param bootstrapServers Kafka, for the items topic
   * @param schemaRegistryUrl the schema registry, to decode the items
   * @param itemsTopic the {@code dataset-version-items} topic
   */
  public record ClusterEnv(String bootstrapServers, String schemaRegistryUrl, String itemsTopic) {}

  private final Launcher delegate;
  private final BlobStore blobs;
  private final ItemsFile items;
  private final Path workRoot;
  private final Duration itemsTimeout;
  private final ClusterEnv cluster;
  private final ExecutorService preparing = Executors.newFixedThreadPool(2, r -> {
    var t = new Thread(r, "custom-trainer-prepare");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Boolean> inPreparation = new ConcurrentHashMap<>();
  private final Set<String> cancelledInPreparation = ConcurrentHashMap.newKeySet();

  public CustomTrainerLauncher(Launcher delegate, BlobStore blobs, ItemsFile items, Path workRoot,
      Duration itemsTimeout, ClusterEnv cluster) {
    this.delegate = delegate;
    this.blobs = blobs;
    this.items = items;
    this.workRoot = workRoot.toAbsolutePath();
    this.itemsTimeout = itemsTimeout;
    this.cluster = cluster;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void launch(LaunchSpec spec, LaunchListener listener) {
    delegate.launch(spec, listener);
  }

  /**
   * Launches {@code job} with the command, image and placement of {@code spec}; the trainer's environment is added.
   */
  public void launchCustom(LaunchSpec spec, CustomJob job, LaunchListener listener) {
    if (delegate.name().equals("kubernetes")) {
      var env = new HashMap<String, String>(spec.env());
      env.putAll(kubernetesEnv(job));
      delegate.launch(new LaunchSpec(spec.jobId(), spec.tenantId(), spec.command(), env, job.trainer().getImage(),
          spec.placement()), listener);
      return;
    }
    inPreparation.put(job.jobId(), Boolean.TRUE);
    preparing.execute(() -> prepareAndRun(spec, job, listener));
  }

  /** The variables of a Kubernetes pod of {@code job}. */
  Map<String, String> kubernetesEnv(CustomJob job) {
    var env = new HashMap<String, String>(job.commonEnv());
    env.remove("STRATA_JOB_ID"); // the Kubernetes launcher sets it on every pod
    TrainerBlob code = job.trainer().getCode();
    if (code != null) {
      env.put("STRATA_CODE_URI", code.getUri());
      env.put("STRATA_CODE_SHA256", code.getSha256());
      env.put("STRATA_CODE_FORMAT", String.valueOf(code.getFormat()));
    }
    TrainerBlob weights = job.trainer().getBaseWeights();
    if (weights != null) {
      env.put("STRATA_BASE_WEIGHTS_URI", weights.getUri());
      env.put("STRATA_BASE_WEIGHTS_SHA256", weights.getSha256());
    }
    env.put("STRATA_KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
    env.put("STRATA_SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl());
    env.put("STRATA_ITEMS_TOPIC", cluster.itemsTopic());
    env.put("STRATA_ITEMS_KEY", job.datasetId() + "/" + job.datasetVersion());
    env.put("STRATA_OUTPUT_DIR", "/strata/output");
    return env;
  }

  private void prepareAndRun(LaunchSpec spec, CustomJob job, LaunchListener listener) {
    String jobId = job.jobId();
    Path work = workRoot.resolve(jobId);
    Map<String, String> env;
    ItemsFile.Written written;
    try {
      deleteTree(work);
      Path codeDir = Files.createDirectories(work.resolve("code"));
      Path output = Files.createDirectories(work.resolve("output"));
      env = new HashMap<>(spec.env());
      env.putAll(job.commonEnv());
      env.put("STRATA_WORK_DIR", work.toString());
      env.put("STRATA_CODE_DIR", codeDir.toString());
      env.put("STRATA_OUTPUT_DIR", output.toString());
      TrainerBlob code = job.trainer().getCode();
      if (code != null) {
        Path archive = work.resolve("code.archive");
        try (InputStream in = blobs.open(code.getSha256())) {
          Files.copy(in, archive);
        }
        CodeArchive.extract(archive, codeDir);
        Files.delete(archive);
      }
      TrainerBlob weights = job.trainer().getBaseWeights();
      if (weights != null) {
        Path file = work.resolve("base-weights");
        try (InputStream in = blobs.open(weights.getSha256())) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        env.put("STRATA_BASE_WEIGHTS", file.toString());
      }
      Path itemsFile = work.resolve("items.jsonl");
      written = items.write(job.tenantId(), job.datasetId(), job.datasetVersion(), job.itemCount(), itemsTimeout,
          itemsFile);
      env.put("STRATA_ITEMS_FILE", itemsFile.toString());
    } catch (IOException | CodeArchive.InvalidArchiveException | RuntimeException e) {
      inPreparation.remove(jobId);
      boolean cancelled = cancelledInPreparation.remove(jobId);
      log.warn("custom trainer preparation failed jobId={} trainer={} error={}", jobId, job.trainer().getName(),
          e.toString());
      listener.exited(jobId, cancelled ? new Exit.Cancelled("cancelled while its work directory was prepared")
          : new Exit.Failed("cannot prepare the work directory of trainer '" + job.trainer().getName() + "': "
              + e.getMessage()));
      return;
    }
    synchronized (this) {
      inPreparation.remove(jobId);
      if (cancelledInPreparation.remove(jobId)) {
        listener.exited(jobId, new Exit.Cancelled("cancelled while its work directory was prepared"));
        return;
      }
      log.info("custom trainer prepared jobId={} trainer={} items={} work={}", jobId, job.trainer().getName(),
          written.items(), work);
      delegate.launch(new LaunchSpec(spec.jobId(), spec.tenantId(), spec.command(), env, null, spec.placement(),
          work.resolve("code")), new Packaging(job, written.trainClasses(), work, listener));
    }
  }

  /** Turns the process's exit into the job's: the packaged artifact on success, the log's tail on failure. */
  private final class Packaging implements LaunchListener {
    private final CustomJob job;
    private final List<String> trainClasses;
    private final Path work;
    private final LaunchListener listener;
    private volatile String logsUri;

    Packaging(CustomJob job, List<String> trainClasses, Path work, LaunchListener listener) {
      this.job = job;
      this.trainClasses = trainClasses;
      this.work = work;
      this.listener = listener;
    }

    @Override
    public void started(String jobId, String logsUri) {
      this.logsUri = logsUri;
      listener.started(jobId, logsUri);
    }

    @Override
    public void progress(String jobId, TrainingProgress progress) {
      listener.progress(jobId, progress);
    }

    @Override
    public void exited(String jobId, Exit exit) {
      Exit result = exit;
      if (exit instanceof Exit.Succeeded) {
        result = packaged();
      } else if (exit instanceof Exit.Failed f) {
        result = new Exit.Failed(f.reason() + lastLines(logsUri));
      }
      listener.exited(jobId, result);
    }

    private Exit packaged() {
      try {
        var outcome = OutputArtifact.store(job, trainClasses, work.resolve("output"), work.resolve("artifact.zip"),
            blobs);
        log.info("custom trainer artifact stored jobId={} artifact={}", job.jobId(), outcome.getArtifactUri());
        return new Exit.Succeeded(outcome);
      } catch (OutputArtifact.InvalidOutputException e) {
        return new Exit.Failed("the trainer exited 0 but its output cannot be packaged: " + e.getMessage());
      } catch (IOException | RuntimeException e) {
        return new Exit.Failed("cannot store the model artifact of the trainer's output: " + e);
      }
    }
  }

  /** {@code "; last lines of the log: a | b"} from a local log, or empty. */
  static String lastLines(String logsUri) {
    if (logsUri == null || !logsUri.startsWith("file:")) {
      return "";
    }
    try (var file = new RandomAccessFile(Path.of(URI.create(logsUri)).toFile(), "r")) {
      long start = Math.max(0, file.length() - 8192);
      byte[] tail = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(tail);
      var lines = new ArrayDeque<String>();
      for (String line : new String(tail, StandardCharsets.UTF_8).split("\\R")) {
        if (!line.isBlank()) {
          lines.addLast(line.strip());
          if (lines.size() > LOG_LINES_ON_FAILURE) {
            lines.removeFirst();
          }
        }
      }
      return lines.isEmpty() ? "" : "; last lines of the log: " + String.join(" | ", lines);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  @Override
  public synchronized void cancel(String jobId) {
    if (inPreparation.containsKey(jobId)) {
      cancelledInPreparation.add(jobId);
      return;
    }
    delegate.cancel(jobId);
  }

  @Override
  public void reclaim(String jobId) {
    delegate.reclaim(jobId);
  }

  @Override
  public void close() {
    preparing.shutdownNow();
    delegate.close();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
