package io.strata.trainer.service;

import io.strata.events.TrainerEvent;
import io.strata.events.TrainerEventKind;
import io.strata.events.TrainingRequest;
import io.strata.trainer.custom.CustomJob;
import io.strata.trainer.trainers.TrainerRules;
import io.strata.trainer.trainers.TrainersView;
import java.util.List;
import java.util.Optional;

/**
 * Which trainer a job runs: {@code builtin} ({@link TrainerCommand}) or a custom trainer of the job's tenant
 * registered on the {@code trainers} topic. A name that is not registered, or was deleted, fails the job with a
 * reason that says so; it is checked when the job is requested and again when it is launched.
 */
final class TrainerResolver {

  /** What to run, or why not. */
  sealed interface Resolved {}

  /** The built-in trainer's command. */
  record Builtin(TrainerCommand.Command command) implements Resolved {}

  /** A custom trainer's job and command. */
  record Custom(CustomJob job, List<String> command) implements Resolved {}

  /** The job fails with {@code reason}. */
  record Refused(String reason) implements Resolved {}

  /** A tenant's trainer by name, its latest event (DELETED included); {@link TrainersView#latest} in production. */
  @FunctionalInterface
  interface Lookup {
    Optional<TrainerEvent> latest(String tenantId, String name);
  }

  private final TrainerCommand builtin;
  private final Lookup trainers;
  private final boolean kubernetes;

  /**
   * @param kubernetes true when jobs run on Kubernetes, where a custom trainer needs an image
   */
  TrainerResolver(TrainerCommand builtin, Lookup trainers, boolean kubernetes) {
    this.builtin = builtin;
    this.trainers = trainers;
    this.kubernetes = kubernetes;
  }

  /** Why the request cannot run whatever the pool does, or empty. */
  Optional<String> refusal(String tenantId, TrainingRequest request) {
    String name = TrainerCommand.trainerOf(request);
    if (name.equals(TrainerRules.BUILTIN)) {
      return builtin.refusal(request);
    }
    return custom(tenantId, name).right();
  }

  /** The trainer a job of {@code tenantId} would run, or why it cannot. */
  private Either custom(String tenantId, String name) {
    Optional<TrainerEvent> latest = trainers.latest(tenantId, name);
    if (latest.isEmpty()) {
      return Either.refused("trainer '" + name + "' is not registered in tenant '" + tenantId + "'; register it with "
          + "POST /v1/trainers on the trainer launcher, or use trainer 'builtin'");
    }
    TrainerEvent trainer = latest.get();
    if (trainer.getKind() == TrainerEventKind.DELETED) {
      return Either.refused("trainer '" + name + "' of tenant '" + tenantId + "' was deleted; register it again "
          + "or request the job with another trainer");
    }
    if (kubernetes && trainer.getImage() == null) {
      return Either.refused("trainer '" + name + "' has no image, and this trainer launcher runs jobs on "
          + "Kubernetes; set one with PUT /v1/trainers/" + name);
    }
    return new Either(trainer, Optional.empty());
  }

  private record Either(TrainerEvent trainer, Optional<String> right) {
    static Either refused(String reason) {
      return new Either(null, Optional.of(reason));
    }
  }

  /**
   * What job {@code jobId} runs.
   *
   * @param itemCount the dataset version's item count, empty when the version is unknown
   */
  Resolved build(String jobId, String tenantId, TrainingRequest request, Optional<Long> itemCount) {
    String name = TrainerCommand.trainerOf(request);
    if (name.equals(TrainerRules.BUILTIN)) {
      var result = builtin.build(jobId, tenantId, request, itemCount);
      return result instanceof TrainerCommand.Command c ? new Builtin(c)
          : new Refused(((TrainerCommand.Refused) result).reason());
    }
    Either found = custom(tenantId, name);
    if (found.right().isPresent()) {
      return new Refused(found.right().get());
    }
    if (itemCount.isEmpty()) {
      return new Refused("dataset '" + request.getDatasetId() + "' of tenant '" + tenantId + "' has no version "
          + request.getDatasetVersion() + " (no VERSION_CUT on the datasets topic); cut the version first");
    }
    TrainerEvent trainer = found.trainer();
    var job = new CustomJob(jobId, tenantId, request.getDatasetId(), request.getDatasetVersion(), itemCount.get(),
        trainer, CustomJob.merge(trainer.getDefaultHyperparameters(), request.getHyperparameters()));
    return new Custom(job, List.copyOf(trainer.getCommand()));
  }
}
