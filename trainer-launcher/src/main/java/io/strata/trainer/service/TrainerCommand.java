package io.strata.trainer.service;

import io.strata.events.TrainingRequest;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The command line of the built-in trainer (custom trainers: {@link TrainerResolver}). It runs as
 * {@code java -Dai.djl.offline=true -cp <classpath> io.strata.trainer.builtin.TrainMain --key=value ...} with the
 * request's hyperparameters as {@code --<name>=<value>} (the scheduler's own {@code scheduler.*} ones left out).
 *
 * @param java the java executable
 * @param classpath the built-in trainer's classpath ({@value LauncherSettings#BUILTIN_CLASSPATH}), if set
 * @param mainClass its main class
 * @param bootstrapServers passed on
 * @param schemaRegistryUrl passed on
 * @param blobStore passed on
 * @param workDir parent of each job's work directory
 * @param djlCacheDir {@code DJL_CACHE_DIR} of the trainer
 */
record TrainerCommand(String java, Optional<String> classpath, String mainClass, String bootstrapServers,
    String schemaRegistryUrl, String blobStore, Path workDir, Path djlCacheDir) {

  /** The built-in trainer's name. */
  static final String BUILTIN = "builtin";

  /** A runnable command, or why the job cannot run. */
  sealed interface Result {}

  /** What to run. */
  record Command(List<String> argv, Map<String, String> env) implements Result {}

  /** The job fails with {@code reason}. */
  record Refused(String reason) implements Result {}

  /** The trainer a request names ({@value #BUILTIN} when blank). */
  static String trainerOf(TrainingRequest request) {
    String trainer = request.getTrainer();
    return trainer == null || trainer.isBlank() ? BUILTIN : trainer.strip();
  }

  /** Why a request cannot run at all whatever the pool does, or empty: checked as soon as a job is requested. */
  Optional<String> refusal(TrainingRequest request) {
    String trainer = trainerOf(request);
    if (!trainer.equals(BUILTIN)) {
      return Optional.of("trainer '" + trainer + "' is not the built-in trainer; custom trainers are resolved by "
          + "TrainerResolver");
    }
    if (classpath.isEmpty()) {
      return Optional.of("trainer 'builtin' cannot run: " + LauncherSettings.BUILTIN_CLASSPATH + " is not set for the "
          + "trainer launcher; set it to the built-in trainer's classpath (trainer-launcher/builtin/target/"
          + "strata-builtin-trainer-<version>.jar plus the entries of trainer-launcher/builtin/target/classpath.txt, "
          + "separated by '" + File.pathSeparator + "'), restart the trainer launcher and request the job again");
    }
    return Optional.empty();
  }

  /**
   * PyTorch's intra-op threads for a CPU job: half the cores, at least one. Spinning threads on every core contend
   * with the platform's own processes on a small machine (16x slower on 2 busy cores, see the trainer benchmark).
   */
  static final int TRAINER_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  /**
   * The command of job {@code jobId} of {@code tenantId}.
   *
   * @param itemCount the dataset version's item count, empty when the version is unknown
   */
  Result build(String jobId, String tenantId, TrainingRequest request, Optional<Long> itemCount) {
    Optional<String> refused = refusal(request);
    if (refused.isPresent()) {
      return new Refused(refused.get());
    }
    if (itemCount.isEmpty()) {
      return new Refused("dataset '" + request.getDatasetId() + "' of tenant '" + tenantId + "' has no version "
          + request.getDatasetVersion() + " (no VERSION_CUT on the datasets topic); cut the version first");
    }
    var argv = new ArrayList<String>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=" + TRAINER_THREADS, "-Dai.djl.pytorch.num_interop_threads=1",
        "-cp", classpath.orElseThrow(), mainClass,
        "--bootstrap-servers=" + bootstrapServers,
        "--schema-registry-url=" + schemaRegistryUrl,
        "--blob-store=" + blobStore,
        "--work-dir=" + workDir.resolve(jobId).toAbsolutePath(),
        "--tenant=" + tenantId,
        "--dataset=" + request.getDatasetId(),
        "--version=" + request.getDatasetVersion(),
        "--items=" + itemCount.get(),
        "--job=" + jobId));
    new TreeMap<>(request.getHyperparameters()).forEach((name, value) -> {
      if (!name.startsWith("scheduler.")) {
        argv.add("--" + name + "=" + value);
      }
    });
    return new Command(argv, Map.of("DJL_CACHE_DIR", djlCacheDir.toAbsolutePath().toString()));
  }
}
